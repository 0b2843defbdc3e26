/**
 * The imitation enforces the reference's authorization rules: the manifest's scopes, what the
 * user granted, and the authorization mode of the execution (scopes.ts names the page of each
 * entry).
 */
import { productScopes } from '../../tools/gas-sim/manifest';
import {
  AUTHORIZATION_REQUIRED,
  RESTRICTED_SCOPES,
  SCOPE,
  SCOPE_TABLE,
  scopeEntry,
} from '../../tools/gas-sim/scopes';
import { start, thrown, worldWithWorkbook } from './helpers';

describe('scope table', () => {
  it('names a reference page for every entry', () => {
    for (const [key, entry] of Object.entries(SCOPE_TABLE)) {
      expect([key, entry.page]).toEqual([
        key,
        expect.stringMatching(/^https:\/\/developers\.google\.com\//),
      ]);
    }
  });

  it.each([
    ['SpreadsheetApp', 'openById', [SCOPE.spreadsheets]],
    ['SpreadsheetApp', 'getActiveSpreadsheet', [SCOPE.spreadsheetsCurrent, SCOPE.spreadsheets]],
    ['DriveApp', 'getFileById', [SCOPE.driveReadonly, SCOPE.drive]],
    ['File', 'makeCopy', [SCOPE.drive]],
    [
      'Drive.Files',
      'copy',
      [SCOPE.drive, SCOPE.driveAppdata, SCOPE.driveFile, SCOPE.drivePhotosReadonly],
    ],
    ['Drive.Permissions', 'create', [SCOPE.drive, SCOPE.driveFile]],
    ['Docs.Documents', 'batchUpdate', [SCOPE.documents, SCOPE.drive, SCOPE.driveFile]],
    ['DocumentApp', 'openById', [SCOPE.documents]],
    ['Document', 'getAs', []],
    ['MailApp', 'sendEmail', [SCOPE.sendMail]],
    ['Ui', 'showSidebar', [SCOPE.containerUi]],
    ['Ui', 'alert', []],
    ['ScriptApp', 'getAuthorizationInfo', []],
    ['Body', 'editAsText', []],
    ['Body', 'findText', [SCOPE.documentsCurrent, SCOPE.documents]],
  ])('%s.%s needs one of %j', (cls, method, scopes) => {
    expect(scopeEntry(cls, method)?.anyOf).toEqual(scopes);
  });

  it('the product declares no restricted scope', () => {
    const declared = productScopes();
    expect(declared.filter((s) => RESTRICTED_SCOPES.includes(s))).toEqual([]);
  });
});

describe('enforcement', () => {
  it('DriveApp under drive.file throws Apps Script text naming the scope it needs', () => {
    const { world } = worldWithWorkbook({ oauthScopes: [SCOPE.driveFile, SCOPE.spreadsheets] });
    const { gas } = start(world);
    const drive = (gas as unknown as { DriveApp: GoogleAppsScript.Drive.DriveApp }).DriveApp;
    const e = thrown(() => drive.getRootFolder());
    expect(e.message).toBe(
      'You do not have permission to call DriveApp.getRootFolder. Required permissions: https://www.googleapis.com/auth/drive.readonly || https://www.googleapis.com/auth/drive',
    );
  });

  it('the advanced Drive service under drive.file works; without a Drive scope it fails as the API does', () => {
    const ok = worldWithWorkbook({ oauthScopes: [SCOPE.driveFile] }).world;
    const drive = (start(ok).gas as unknown as { Drive: GoogleAppsScript.Drive }).Drive;
    expect(
      drive.Files.create({ name: 'x', mimeType: 'application/vnd.google-apps.folder' }).id,
    ).toMatch(/^1/);
    const bare = worldWithWorkbook({ oauthScopes: [SCOPE.spreadsheets] }).world;
    const d2 = (start(bare).gas as unknown as { Drive: GoogleAppsScript.Drive }).Drive;
    expect(thrown(() => d2.Files.list({ q: 'trashed = false' })).message).toBe(
      'API call to drive.files.list failed with error: Request had insufficient authentication scopes.',
    );
  });

  it('openById needs spreadsheets: spreadsheets.currentonly is not enough', () => {
    const { world, ss } = worldWithWorkbook({ oauthScopes: [SCOPE.spreadsheetsCurrent] });
    const { gas } = start(world);
    expect(gas.SpreadsheetApp.getActiveSpreadsheet().getId()).toBe(ss.id);
    expect(thrown(() => gas.SpreadsheetApp.openById(ss.id)).message).toMatch(
      /^You do not have permission to call SpreadsheetApp.openById/,
    );
  });

  it('a scope declared by a new version but not granted: "Authorization is required"', () => {
    const { world } = worldWithWorkbook({
      oauthScopes: [SCOPE.spreadsheets, SCOPE.sendMail],
      grantedScopes: [SCOPE.spreadsheets],
    });
    const { gas } = start(world);
    const mail = (gas as unknown as { MailApp: GoogleAppsScript.Mail.MailApp }).MailApp;
    expect(thrown(() => mail.getRemainingDailyQuota()).message).toBe(AUTHORIZATION_REQUIRED);
    const info = gas.ScriptApp.getAuthorizationInfo(gas.ScriptApp.AuthMode.FULL);
    expect(String(info.getAuthorizationStatus())).toBe('REQUIRED');
    expect(info.getAuthorizationUrl()).toMatch(
      /^https:\/\/script\.google\.com\/macros\/d\/.+\/authorize$/,
    );
    expect(gas.SpreadsheetApp.getActiveSpreadsheet()).not.toBeNull();
  });

  it('a method missing from the table fails loudly', () => {
    const { world } = worldWithWorkbook();
    const { ex } = start(world);
    expect(thrown(() => ex.rec.call('Nonesuch', 'doIt', [])).message).toMatch(
      /no scope entry for Nonesuch\.doIt/,
    );
  });
});

describe('authorization modes (editor add-on authorization lifecycle)', () => {
  it('NONE: the menu can be built and the locale read, nothing else', () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world, { authMode: 'NONE' });
    gas.SpreadsheetApp.getUi().createAddonMenu().addItem('A', 'a').addToUi();
    expect(gas.Session.getActiveUserLocale()).toBeTruthy();
    expect(thrown(() => gas.SpreadsheetApp.getActiveSpreadsheet()).message).toMatch(
      /^You do not have permission to call SpreadsheetApp.getActiveSpreadsheet/,
    );
    expect(thrown(() => gas.PropertiesService.getDocumentProperties()).message).toMatch(
      /^You do not have permission to call PropertiesService.getDocumentProperties/,
    );
  });

  it('LIMITED: the document and its properties, but no sidebar', () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world, { authMode: 'LIMITED' });
    expect(gas.SpreadsheetApp.getActiveSpreadsheet().getSheets()).toHaveLength(1);
    expect(gas.PropertiesService.getDocumentProperties().getProperties()).toEqual({});
    const page = gas.HtmlService.createHtmlOutput('<p>x</p>');
    expect(thrown(() => gas.SpreadsheetApp.getUi().showSidebar(page)).message).toMatch(
      /^You do not have permission to call Ui.showSidebar/,
    );
  });
});

describe('executions without a containing document', () => {
  it('a trigger run gets null for the active spreadsheet, document properties, lock and cache', () => {
    const { world, ss } = worldWithWorkbook();
    const { gas } = start(world, { interactive: false });
    expect(gas.SpreadsheetApp.getActiveSpreadsheet()).toBeNull();
    expect(gas.PropertiesService.getDocumentProperties()).toBeNull();
    expect(gas.LockService.getDocumentLock()).toBeNull();
    expect(gas.CacheService.getDocumentCache()).toBeNull();
    // What it can reach: the workbook by id, the user's properties and lock.
    expect(gas.SpreadsheetApp.openById(ss.id).getId()).toBe(ss.id);
    expect(gas.LockService.getUserLock().tryLock(0)).toBe(true);
    gas.PropertiesService.getUserProperties().setProperty('k', 'v');
  });

  it('the world option attaches the document to trigger runs', () => {
    const { world, ss } = worldWithWorkbook({ triggersHaveDocument: true });
    const { gas } = start(world, { interactive: false });
    expect(gas.SpreadsheetApp.getActiveSpreadsheet().getId()).toBe(ss.id);
    expect(gas.LockService.getDocumentLock()).not.toBeNull();
  });
});

describe('advanced services', () => {
  it('exist only when the manifest enables them', () => {
    const on = worldWithWorkbook().world;
    expect(Object.keys(start(on).ex.globals())).toEqual(expect.arrayContaining(['Docs', 'Drive']));
    const off = worldWithWorkbook({ advancedServices: ['Docs'] }).world;
    const names = Object.keys(start(off).ex.globals());
    expect(names).toContain('Docs');
    expect(names).not.toContain('Drive');
  });
});
