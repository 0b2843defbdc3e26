/**
 * Which OAuth scopes authorise each Apps Script method and advanced-service call, as the
 * reference pages list them ("Authorization: scripts that use this method require authorization
 * with one or more of the following scopes"). Each entry names its page. A call is allowed when
 * one of its scopes is declared in the manifest's `oauthScopes`, granted by the user, and usable
 * in the execution's authorization mode; otherwise it throws Apps Script's own text.
 *
 * Lookup: `Class.method` first, then `Class.*` (the reference pages of every method of that
 * class list the same scopes). A call with no entry at all throws a simulator error, so that a
 * method the product starts calling cannot slip through unreviewed.
 *
 * Where the reference is silent (no Authorization section on a page), the entry has no scope
 * and says so; where it is silent on a behaviour, the least convenient reading is taken and the
 * entry says "assumed".
 */
export const SCOPE = {
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  spreadsheetsCurrent: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  spreadsheetsReadonly: 'https://www.googleapis.com/auth/spreadsheets.readonly',
  documents: 'https://www.googleapis.com/auth/documents',
  documentsCurrent: 'https://www.googleapis.com/auth/documents.currentonly',
  documentsReadonly: 'https://www.googleapis.com/auth/documents.readonly',
  drive: 'https://www.googleapis.com/auth/drive',
  driveFile: 'https://www.googleapis.com/auth/drive.file',
  driveReadonly: 'https://www.googleapis.com/auth/drive.readonly',
  driveAppdata: 'https://www.googleapis.com/auth/drive.appdata',
  driveMetadata: 'https://www.googleapis.com/auth/drive.metadata',
  driveMetadataReadonly: 'https://www.googleapis.com/auth/drive.metadata.readonly',
  drivePhotosReadonly: 'https://www.googleapis.com/auth/drive.photos.readonly',
  driveScripts: 'https://www.googleapis.com/auth/drive.scripts',
  driveMeetReadonly: 'https://www.googleapis.com/auth/drive.meet.readonly',
  sendMail: 'https://www.googleapis.com/auth/script.send_mail',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  externalRequest: 'https://www.googleapis.com/auth/script.external_request',
  userinfoEmail: 'https://www.googleapis.com/auth/userinfo.email',
  gmailSend: 'https://www.googleapis.com/auth/gmail.send',
  mailGoogle: 'https://mail.google.com/',
} as const;

/**
 * Scopes Google classes as "restricted" (a security assessment before a public listing): Drive
 * API scopes page, "Choose Google Drive API scopes"; Gmail API scopes page.
 */
export const RESTRICTED_SCOPES: readonly string[] = [
  SCOPE.drive,
  SCOPE.driveReadonly,
  SCOPE.driveMetadata,
  SCOPE.driveMetadataReadonly,
  SCOPE.driveScripts,
  SCOPE.mailGoogle,
];

export interface ScopeEntry {
  /** Any one of these authorises the call; empty: the page lists no Authorization section. */
  anyOf: readonly string[];
  /** The reference page the entry comes from. */
  page: string;
  note?: string;
}

const AS = 'https://developers.google.com/apps-script/reference';
const SHEETS = [SCOPE.spreadsheetsCurrent, SCOPE.spreadsheets] as const;
const DOCS = [SCOPE.documentsCurrent, SCOPE.documents] as const;
const NONE: readonly string[] = [];
const DRIVE_READ = [SCOPE.driveReadonly, SCOPE.drive] as const;
/** files.get and files.list list the same scopes. */
const DRIVE_API_READ = [
  SCOPE.drive,
  SCOPE.driveAppdata,
  SCOPE.driveFile,
  SCOPE.driveMeetReadonly,
  SCOPE.driveMetadata,
  SCOPE.driveMetadataReadonly,
  SCOPE.drivePhotosReadonly,
  SCOPE.driveReadonly,
] as const;

function e(anyOf: readonly string[], page: string, note?: string): ScopeEntry {
  return note === undefined ? { anyOf, page } : { anyOf, page, note };
}

/** The spreadsheet service's classes (their calls also follow flush semantics: sheet-view.ts). */
export const SPREADSHEET_CLASSES: readonly string[] = [
  'Spreadsheet',
  'Sheet',
  'Range',
  'RangeList',
  'Protection',
  'DataValidation',
  'DataValidationBuilder',
  'DeveloperMetadata',
  'DeveloperMetadataFinder',
  'TextFinder',
  'Filter',
  'NamedRange',
];

const documentClasses = [
  'Document',
  'Body',
  'HeaderSection',
  'FooterSection',
  'Paragraph',
  'Table',
  'TableRow',
  'TableCell',
  'Text',
  'ListItem',
  'RangeElement',
  'Range',
  'InlineImage',
  'HorizontalRule',
  'PageBreak',
  'Footnote',
  'FootnoteSection',
];

function classEntries(): Record<string, ScopeEntry> {
  const out: Record<string, ScopeEntry> = {};
  for (const c of SPREADSHEET_CLASSES) {
    out[`${c}.*`] = e(
      SHEETS,
      `${AS}/spreadsheet/${c.toLowerCase().replace(/^range$/, 'range')}`,
      'every method page of the class lists spreadsheets.currentonly and spreadsheets',
    );
  }
  for (const c of documentClasses) {
    // Document classes are counted under their own names; `Range` above is the spreadsheet's.
    if (c === 'Range') continue;
    out[`${c}.*`] = e(
      DOCS,
      `${AS}/document/${c.toLowerCase()}`,
      'every method page of the class lists documents.currentonly and documents',
    );
  }
  return out;
}

/** The table. Keys are the recorder's `Class.method` (advanced services: `Drive.Files.create`). */
export const SCOPE_TABLE: Readonly<Record<string, ScopeEntry>> = {
  ...classEntries(),

  // SpreadsheetApp
  'SpreadsheetApp.getActiveSpreadsheet': e(
    SHEETS,
    `${AS}/spreadsheet/spreadsheet-app#getActiveSpreadsheet()`,
  ),
  'SpreadsheetApp.getActive': e(SHEETS, `${AS}/spreadsheet/spreadsheet-app#getActive()`),
  'SpreadsheetApp.getActiveSheet': e(SHEETS, `${AS}/spreadsheet/spreadsheet-app#getActiveSheet()`),
  'SpreadsheetApp.openById': e(
    [SCOPE.spreadsheets],
    `${AS}/spreadsheet/spreadsheet-app#openById(String)`,
    'spreadsheets only: the current-only scope cannot open a workbook by id',
  ),
  'SpreadsheetApp.openByUrl': e(
    [SCOPE.spreadsheets],
    `${AS}/spreadsheet/spreadsheet-app#openByUrl(String)`,
  ),
  'SpreadsheetApp.create': e(
    [SCOPE.spreadsheets],
    `${AS}/spreadsheet/spreadsheet-app#create(String)`,
  ),
  'SpreadsheetApp.flush': e(
    NONE,
    `${AS}/spreadsheet/spreadsheet-app#flush()`,
    'no Authorization section',
  ),
  'SpreadsheetApp.open': e([SCOPE.spreadsheets], `${AS}/spreadsheet/spreadsheet-app#open(File)`),
  'Spreadsheet.getSheets': e(
    NONE,
    `${AS}/spreadsheet/spreadsheet#getSheets()`,
    'no Authorization section',
  ),
  'Spreadsheet.getSheetByName': e(
    NONE,
    `${AS}/spreadsheet/spreadsheet#getSheetByName(String)`,
    'no Authorization section',
  ),
  'Spreadsheet.getId': e(NONE, `${AS}/spreadsheet/spreadsheet#getId()`, 'no Authorization section'),
  'Spreadsheet.createDeveloperMetadataFinder': e(
    NONE,
    `${AS}/spreadsheet/spreadsheet#createDeveloperMetadataFinder()`,
    'no Authorization section',
  ),
  'Spreadsheet.getAs': e(
    NONE,
    `${AS}/spreadsheet/spreadsheet#getAs(String)`,
    'no Authorization section',
  ),
  'Spreadsheet.getBlob': e(
    NONE,
    `${AS}/spreadsheet/spreadsheet#getBlob()`,
    'no Authorization section',
  ),
  'Spreadsheet.show': e([SCOPE.containerUi], `${AS}/spreadsheet/spreadsheet#show(Object)`),
  'DataValidationBuilder.*': e(
    NONE,
    `${AS}/spreadsheet/data-validation-builder#build()`,
    'no Authorization section on any of its method pages',
  ),
  'Document.getAs': e(
    NONE,
    `${AS}/document/document#getAs(String)`,
    'no Authorization section: the Doc is reached through openById, which needs documents',
  ),
  'Document.getBlob': e(NONE, `${AS}/document/document#getBlob()`, 'no Authorization section'),
  'File.getAs': e(NONE, `${AS}/drive/file#getAs(String)`, 'no Authorization section'),
  'File.getBlob': e(NONE, `${AS}/drive/file#getBlob()`, 'no Authorization section'),
  'Drive.Files.export': e(
    [SCOPE.drive, SCOPE.driveFile, SCOPE.driveMeetReadonly, SCOPE.driveReadonly],
    'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/export',
  ),
  'SpreadsheetApp.newDataValidation': e(
    NONE,
    `${AS}/spreadsheet/spreadsheet-app#newDataValidation()`,
    'no Authorization section: a builder in memory',
  ),
  'SpreadsheetApp.getUi': e(
    NONE,
    `${AS}/spreadsheet/spreadsheet-app#getUi()`,
    'no Authorization section; the Ui methods need script.container.ui',
  ),
  'SpreadsheetApp.setActiveSpreadsheet': e(
    SHEETS,
    `${AS}/spreadsheet/spreadsheet-app#setActiveSpreadsheet(Spreadsheet)`,
  ),

  // DocumentApp
  'DocumentApp.create': e([SCOPE.documents], `${AS}/document/document-app#create(String)`),
  'DocumentApp.openById': e([SCOPE.documents], `${AS}/document/document-app#openById(String)`),
  'DocumentApp.openByUrl': e([SCOPE.documents], `${AS}/document/document-app#openByUrl(String)`),
  'DocumentApp.getActiveDocument': e(DOCS, `${AS}/document/document-app#getActiveDocument()`),
  'DocumentApp.getUi': e(NONE, `${AS}/document/document-app#getUi()`, 'no Authorization section'),

  // DriveApp (kept so that a DriveApp call fails as it would under drive.file)
  'DriveApp.*': e(DRIVE_READ, `${AS}/drive/drive-app`, 'reading methods: drive.readonly or drive'),
  'DriveApp.createFile': e([SCOPE.drive], `${AS}/drive/drive-app#createFile(BlobSource)`),
  'DriveApp.createFolder': e([SCOPE.drive], `${AS}/drive/drive-app#createFolder(String)`),
  'File.*': e(DRIVE_READ, `${AS}/drive/file`, 'reading methods: drive.readonly or drive'),
  'File.makeCopy': e([SCOPE.drive], `${AS}/drive/file#makeCopy(String,Folder)`),
  'File.moveTo': e([SCOPE.drive], `${AS}/drive/file#moveTo(Folder)`),
  'File.setTrashed': e([SCOPE.drive], `${AS}/drive/file#setTrashed(Boolean)`),
  'File.addViewer': e([SCOPE.drive], `${AS}/drive/file#addViewer(String)`),
  'File.addCommenter': e([SCOPE.drive], `${AS}/drive/file#addCommenter(String)`),
  'File.addEditor': e([SCOPE.drive], `${AS}/drive/file#addEditor(String)`),
  'File.setName': e([SCOPE.drive], `${AS}/drive/file#setName(String)`),
  'Folder.*': e(DRIVE_READ, `${AS}/drive/folder`, 'reading methods: drive.readonly or drive'),
  'Folder.createFile': e([SCOPE.drive], `${AS}/drive/folder#createFile(BlobSource)`),
  'Folder.createFolder': e([SCOPE.drive], `${AS}/drive/folder#createFolder(String)`),
  'Folder.setTrashed': e([SCOPE.drive], `${AS}/drive/folder#setTrashed(Boolean)`),
  'FileIterator.*': e(DRIVE_READ, `${AS}/drive/file-iterator`),
  'FolderIterator.*': e(DRIVE_READ, `${AS}/drive/folder-iterator`),

  // Advanced Docs service = Docs API v1
  'Docs.Documents.batchUpdate': e(
    [SCOPE.documents, SCOPE.drive, SCOPE.driveFile],
    'https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/batchUpdate',
  ),
  'Docs.Documents.get': e(
    [SCOPE.documents, SCOPE.documentsReadonly, SCOPE.drive, SCOPE.driveFile, SCOPE.driveReadonly],
    'https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/get',
  ),
  'Docs.Documents.create': e(
    [SCOPE.documents, SCOPE.drive, SCOPE.driveFile],
    'https://developers.google.com/workspace/docs/api/reference/rest/v1/documents/create',
  ),

  // Advanced Drive service = Drive API v3
  'Drive.Files.create': e(
    [SCOPE.drive, SCOPE.driveAppdata, SCOPE.driveFile],
    'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/create',
  ),
  'Drive.Files.copy': e(
    [SCOPE.drive, SCOPE.driveAppdata, SCOPE.driveFile, SCOPE.drivePhotosReadonly],
    'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/copy',
  ),
  'Drive.Files.get': e(
    DRIVE_API_READ,
    'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/get',
  ),
  'Drive.Files.list': e(
    DRIVE_API_READ,
    'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/list',
  ),
  'Drive.Files.update': e(
    [SCOPE.drive, SCOPE.driveAppdata, SCOPE.driveFile, SCOPE.driveMetadata, SCOPE.driveScripts],
    'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/update',
  ),
  'Drive.Files.remove': e(
    [SCOPE.drive, SCOPE.driveAppdata, SCOPE.driveFile],
    'https://developers.google.com/workspace/drive/api/reference/rest/v3/files/delete',
    'files.delete is `remove` in the advanced service',
  ),
  'Drive.Permissions.create': e(
    [SCOPE.drive, SCOPE.driveFile],
    'https://developers.google.com/workspace/drive/api/reference/rest/v3/permissions/create',
  ),

  // Mail
  'MailApp.sendEmail': e([SCOPE.sendMail], `${AS}/mail/mail-app#sendEmail(Object)`),
  'MailApp.getRemainingDailyQuota': e(
    [SCOPE.sendMail],
    `${AS}/mail/mail-app#getRemainingDailyQuota()`,
  ),

  // Storage and locks: no Authorization section on these pages.
  'PropertiesService.*': e(NONE, `${AS}/properties/properties-service`, 'no Authorization section'),
  'Properties.*': e(NONE, `${AS}/properties/properties`, 'no Authorization section'),
  'LockService.*': e(NONE, `${AS}/lock/lock-service`, 'no Authorization section'),
  'Lock.*': e(NONE, `${AS}/lock/lock`, 'no Authorization section'),
  'CacheService.*': e(NONE, `${AS}/cache/cache-service`, 'no Authorization section'),
  'Cache.*': e(NONE, `${AS}/cache/cache`, 'no Authorization section'),

  // ScriptApp
  'ScriptApp.newTrigger': e([SCOPE.scriptApp], `${AS}/script/script-app#newTrigger(String)`),
  'ScriptApp.getUserTriggers': e(
    [SCOPE.scriptApp],
    `${AS}/script/script-app#getUserTriggers(Spreadsheet)`,
  ),
  'ScriptApp.getProjectTriggers': e(
    [SCOPE.scriptApp],
    `${AS}/script/script-app#getProjectTriggers()`,
  ),
  'ScriptApp.deleteTrigger': e([SCOPE.scriptApp], `${AS}/script/script-app#deleteTrigger(Trigger)`),
  'ScriptApp.getAuthorizationInfo': e(
    NONE,
    `${AS}/script/script-app#getAuthorizationInfo(AuthMode)`,
    'no Authorization section: it must answer when authorization is missing',
  ),
  'ScriptApp.getOAuthToken': e(
    NONE,
    `${AS}/script/script-app#getOAuthToken()`,
    'no Authorization section',
  ),
  'ScriptApp.getScriptId': e(
    NONE,
    `${AS}/script/script-app#getScriptId()`,
    'no Authorization section',
  ),
  'ScriptApp.getInstallationSource': e(
    NONE,
    `${AS}/script/script-app#getInstallationSource()`,
    'no Authorization section',
  ),
  'AuthorizationInfo.*': e(NONE, `${AS}/script/authorization-info`, 'no Authorization section'),
  'TriggerBuilder.*': e([SCOPE.scriptApp], `${AS}/script/trigger-builder#timeBased()`),
  'TriggerBuilder.forSpreadsheet': e(
    SHEETS,
    `${AS}/script/trigger-builder#forSpreadsheet(Spreadsheet)`,
  ),
  'ClockTriggerBuilder.*': e(
    NONE,
    `${AS}/script/clock-trigger-builder#everyHours(Integer)`,
    'no Authorization section; timeBased() and create() are what need script.scriptapp',
  ),
  'SpreadsheetTriggerBuilder.*': e([SCOPE.scriptApp], `${AS}/script/spreadsheet-trigger-builder`),
  'Trigger.*': e([SCOPE.scriptApp], `${AS}/script/trigger`),

  // UI: only dialogs and sidebars list script.container.ui; alerts and menus list nothing.
  'Ui.*': e(
    NONE,
    `${AS}/base/ui`,
    'alert, prompt, createMenu, createAddonMenu: no Authorization section',
  ),
  'Ui.showModalDialog': e([SCOPE.containerUi], `${AS}/base/ui#showModalDialog(Object,String)`),
  'Ui.showModelessDialog': e(
    [SCOPE.containerUi],
    `${AS}/base/ui#showModelessDialog(Object,String)`,
  ),
  'Ui.showSidebar': e([SCOPE.containerUi], `${AS}/base/ui#showSidebar(Object)`),
  'Ui.showDialog': e([SCOPE.containerUi], `${AS}/base/ui#showDialog(Object)`),
  'Menu.*': e(NONE, `${AS}/base/menu`, 'no Authorization section on any Menu method'),
  'Spreadsheet.toast': e(SHEETS, `${AS}/spreadsheet/spreadsheet#toast(String,String)`),

  // In-memory helpers: no Authorization section.
  'HtmlService.*': e(NONE, `${AS}/html/html-service`, 'no Authorization section'),
  'HtmlOutput.*': e(NONE, `${AS}/html/html-output`, 'no Authorization section'),
  'HtmlTemplate.*': e(NONE, `${AS}/html/html-template`, 'no Authorization section'),
  'Utilities.*': e(NONE, `${AS}/utilities/utilities`, 'no Authorization section'),
  'Blob.*': e(NONE, `${AS}/base/blob`, 'no Authorization section'),
  'Logger.*': e(NONE, `${AS}/base/logger`, 'no Authorization section'),
  'User.*': e(
    NONE,
    `${AS}/base/user`,
    'no Authorization section; reached only through calls that are checked themselves',
  ),
  'PromptResponse.*': e(NONE, `${AS}/base/prompt-response`, 'no Authorization section'),
  'console.*': e(NONE, `${AS}/base/console`, 'no Authorization section'),
  'Session.getActiveUserLocale': e(
    NONE,
    `${AS}/base/session#getActiveUserLocale()`,
    'no Authorization section',
  ),
  'Session.getScriptTimeZone': e(
    NONE,
    `${AS}/base/session#getScriptTimeZone()`,
    'no Authorization section',
  ),
  'Session.getTemporaryActiveUserKey': e(
    NONE,
    `${AS}/base/session#getTemporaryActiveUserKey()`,
    'no Authorization section',
  ),
  'Session.getActiveUser': e([SCOPE.userinfoEmail], `${AS}/base/session#getActiveUser()`),
  'Session.getEffectiveUser': e([SCOPE.userinfoEmail], `${AS}/base/session#getEffectiveUser()`),
  'UrlFetchApp.*': e([SCOPE.externalRequest], `${AS}/url-fetch/url-fetch-app`),
};

/**
 * On the document element pages, clear() and editAsText() (and copy()) carry no Authorization
 * section while every other method lists the documents scopes.
 */
const DOC_ELEMENT_FREE = new Set(['clear', 'editAsText', 'copy']);

/** The entry for a call, most specific first; undefined when the table has none. */
export function scopeEntry(className: string, method: string): ScopeEntry | undefined {
  const exact = SCOPE_TABLE[`${className}.${method}`];
  if (exact) return exact;
  if (
    documentClasses.includes(className) &&
    className !== 'Document' &&
    DOC_ELEMENT_FREE.has(method)
  ) {
    return e(
      NONE,
      `${AS}/document/${className.toLowerCase()}#${method}()`,
      'no Authorization section',
    );
  }
  return SCOPE_TABLE[`${className}.*`];
}

/**
 * What an authorization mode lets a script use (the add-on authorization lifecycle page's
 * table). NONE: no service that needs authorization, but the add-on menu may be built. LIMITED:
 * the document the script is bound to and its UI. FULL: every scope the user granted.
 */
export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL';

const LIMITED_SCOPES: readonly string[] = [
  SCOPE.spreadsheetsCurrent,
  SCOPE.documentsCurrent,
  SCOPE.containerUi,
];

/**
 * What AuthMode.NONE allows (editor add-on authorization lifecycle page): the user's locale,
 * adding menu items, Logger and Utilities. Nothing else, even calls with no scope of their own
 * (properties, locks).
 */
const NONE_ALLOWED =
  /^(SpreadsheetApp\.getUi|Ui\.createAddonMenu|Ui\.createMenu|Menu\..*|Session\.getActiveUserLocale|Logger\..*|console\..*|Utilities\..*)$/;
/**
 * What LIMITED adds to NONE: the document the add-on is used in and its properties; no dialogs
 * or sidebars, no UrlFetch (same page).
 */
const LIMITED_DENIED = /^(Ui\.show.*|UrlFetchApp\..*|Jdbc\..*)$/;

export interface Authorization {
  /** The manifest's `oauthScopes`. */
  declared: readonly string[];
  /** What the user consented to (by default all of `declared`). */
  granted: readonly string[];
  mode: AuthModeName;
}

/** Apps Script's texts. */
export function permissionMessage(call: string, entry: ScopeEntry): string {
  return `You do not have permission to call ${call}. Required permissions: ${entry.anyOf.join(' || ')}`;
}
export const AUTHORIZATION_REQUIRED = 'Authorization is required to perform that action.';
export function advancedScopeMessage(call: string): string {
  const api = call.replace(/^Drive\.Files\.remove$/, 'Drive.Files.delete').toLowerCase();
  return `API call to ${api} failed with error: Request had insufficient authentication scopes.`;
}

/**
 * Why the call may not run, or null when it may. Advanced services fail with the API's error;
 * built-in services with the permission text; a scope that is declared but not granted (a new
 * version that asks for more) with "Authorization is required".
 */
export function refusal(className: string, method: string, auth: Authorization): string | null {
  const call = `${className}.${method}`;
  const entry = scopeEntry(className, method);
  if (!entry) {
    return `gas-sim: no scope entry for ${call} in tools/gas-sim/scopes.ts; add it from its reference page`;
  }
  if (auth.mode === 'NONE') {
    return NONE_ALLOWED.test(call) ? null : permissionMessage(call, entry);
  }
  if (auth.mode === 'LIMITED' && LIMITED_DENIED.test(call)) return permissionMessage(call, entry);
  if (entry.anyOf.length === 0) return null;
  const usable =
    auth.mode === 'LIMITED' ? entry.anyOf.filter((s) => LIMITED_SCOPES.includes(s)) : entry.anyOf;
  const declared = usable.filter((s) => auth.declared.includes(s));
  if (declared.length === 0) {
    return /^(Drive|Docs)\./.test(className)
      ? advancedScopeMessage(call)
      : permissionMessage(call, entry);
  }
  if (!declared.some((s) => auth.granted.includes(s))) return AUTHORIZATION_REQUIRED;
  return null;
}
