/**
 * The product's manifest (appsscript.json at the repository's root, which the build copies to
 * dist/): its `oauthScopes` are what a world declares unless told otherwise.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Manifest {
  oauthScopes?: string[];
  timeZone?: string;
  dependencies?: {
    enabledAdvancedServices?: { userSymbol: string; serviceId: string; version: string }[];
  };
}

export function productManifest(): Manifest {
  const file = path.resolve(__dirname, '..', '..', 'appsscript.json');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

export function productScopes(): string[] {
  return [...(productManifest().oauthScopes ?? [])];
}

/** The advanced services' global names the manifest enables (`Docs`, `Drive`). */
export function productAdvancedServices(): string[] {
  return (productManifest().dependencies?.enabledAdvancedServices ?? []).map((s) => s.userSymbol);
}
