/** MailApp of the in-memory Apps Script (work in progress). */
import type { SimContext } from './context';

export interface SentMail {
  seq: number;
}
export interface MailJson {
  dailyQuota: number;
  sent: SentMail[];
}

export class MailState {
  readonly dailyQuota: number;
  sent: SentMail[] = [];
  constructor(opts?: { dailyQuota?: number }) {
    this.dailyQuota = opts?.dailyQuota ?? 100;
  }
  toJSON(): MailJson {
    return { dailyQuota: this.dailyQuota, sent: this.sent };
  }
  static fromJSON(j: MailJson): MailState {
    const m = new MailState({ dailyQuota: j.dailyQuota });
    m.sent = j.sent;
    return m;
  }
  usedOn(_day: string): number {
    return 0;
  }
}

export function createMailApp(_ctx: SimContext): GoogleAppsScript.Mail.MailApp {
  throw new Error('not yet available');
}
export async function writeMailFolder(_mail: MailState, _dir: string): Promise<string[]> {
  return [];
}
