/**
 * The advanced Drive service (Drive API v3), which works under the drive.file scope for the
 * files this add-on makes: DriveApp needs the restricted drive scope for every call (Class
 * DriveApp and Class File reference pages list only drive.readonly and drive). Enabled in
 * appsscript.json (enabledAdvancedServices, serviceId "drive", version "v3").
 */
export const FOLDER_MIME = 'application/vnd.google-apps.folder';
export const DOC_MIME = 'application/vnd.google-apps.document';
export const PDF_MIME = 'application/pdf';

export function driveApi(): GoogleAppsScript.Drive {
  if (typeof Drive === 'undefined' || !Drive) {
    throw new Error('The advanced Drive service is not enabled (appsscript.json).');
  }
  return Drive;
}

/** A string literal of the Drive query language: `\` and `'` escaped. */
export function queryString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function docUrl(id: string): string {
  return `https://docs.google.com/document/d/${id}/edit`;
}

export function fileUrl(id: string): string {
  return `https://drive.google.com/file/d/${id}/view`;
}

export function folderUrl(id: string): string {
  return `https://drive.google.com/drive/folders/${id}`;
}

/** Files (or folders) named `name` in `parentId`, not trashed; ids only. */
export function childrenNamed(parentId: string, name: string, folders: boolean): string[] {
  const q = [
    `${queryString(parentId)} in parents`,
    `name = ${queryString(name)}`,
    `mimeType ${folders ? '=' : '!='} '${FOLDER_MIME}'`,
    'trashed = false',
  ].join(' and ');
  const list = driveApi().Files.list({ q, fields: 'files(id)', pageSize: 100 });
  return (list.files ?? []).map((f) => String(f.id));
}

/** Whether a file or folder exists and is not in the trash (false when out of reach). */
export function exists(id: string): boolean {
  if (!id) return false;
  try {
    const f = driveApi().Files.get(id, { fields: 'id,trashed' });
    return f.trashed !== true;
  } catch {
    return false;
  }
}
