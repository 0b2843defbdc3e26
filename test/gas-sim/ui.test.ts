/** SpreadsheetApp.getUi(), toasts and HtmlService, recorded in the world's UI log. */
import { UI_CONTEXT_ERROR } from '../../tools/gas-sim/ui';
import { start, thrown, worldWithWorkbook } from './helpers';

describe('menus', () => {
  it('createAddonMenu records captions and function names in order, submenus included', () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world);
    const ui = gas.SpreadsheetApp.getUi();
    const sub = ui.createMenu('Paiements').addItem('Enregistrer', 'menuRecordPayment');
    ui.createAddonMenu()
      .addItem('Configurer', 'menuSetup')
      .addSeparator()
      .addSubMenu(sub)
      .addToUi();
    expect(world.ui.menus).toHaveLength(1);
    expect(world.ui.lastMenu()?.kind).toBe('addon');
    expect(world.ui.lastMenu()?.items).toEqual([
      { type: 'item', caption: 'Configurer', functionName: 'menuSetup' },
      { type: 'separator' },
      {
        type: 'submenu',
        caption: 'Paiements',
        items: [{ type: 'item', caption: 'Enregistrer', functionName: 'menuRecordPayment' }],
      },
    ]);
  });

  it('adding the same menu again replaces it rather than adding a second', () => {
    const { world } = worldWithWorkbook();
    for (let i = 0; i < 2; i++) {
      const { gas } = start(world);
      gas.SpreadsheetApp.getUi().createAddonMenu().addItem('A', 'a').addToUi();
    }
    expect(world.ui.menus).toHaveLength(1);
  });

  it("getUi() from a time-driven trigger throws Apps Script's message", () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world, { interactive: false });
    expect(String(thrown(() => gas.SpreadsheetApp.getUi()))).toBe(`Exception: ${UI_CONTEXT_ERROR}`);
    expect(UI_CONTEXT_ERROR).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });
});

describe('alerts and prompts', () => {
  it('with no programmed answer, alert returns the first button of the set (OK, YES)', () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world);
    const ui = gas.SpreadsheetApp.getUi();
    expect(ui.alert('Bonjour')).toBe(ui.Button.OK);
    expect(ui.alert('Titre', 'Continuer ?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(world.ui.dialogs.map((d) => [d.kind, d.title, d.prompt, d.buttons])).toEqual([
      ['alert', null, 'Bonjour', 'OK'],
      ['alert', 'Titre', 'Continuer ?', 'YES_NO'],
    ]);
  });

  it('programmed answers are consumed in order by alert and prompt', () => {
    const { world } = worldWithWorkbook();
    world.ui.respond(
      { button: 'NO' },
      { button: 'OK', text: 'FA-2026-00001' },
      { button: 'CANCEL' },
    );
    const { gas } = start(world);
    const ui = gas.SpreadsheetApp.getUi();
    expect(ui.alert('Émettre ?', ui.ButtonSet.YES_NO)).toBe(ui.Button.NO);
    const r = ui.prompt('Facture', 'Numéro :', ui.ButtonSet.OK_CANCEL);
    expect(r.getSelectedButton()).toBe(ui.Button.OK);
    expect(r.getResponseText()).toBe('FA-2026-00001');
    expect(ui.prompt('Autre ?', ui.ButtonSet.OK_CANCEL).getSelectedButton()).toBe(ui.Button.CANCEL);
    expect(world.ui.responses).toHaveLength(0);
    expect(world.ui.dialogs[1]?.answer).toEqual({ button: 'OK', text: 'FA-2026-00001' });
  });

  it('an answer that is not a button of the set is a mistake in the test, reported', () => {
    const { world } = worldWithWorkbook();
    world.ui.respond({ button: 'YES' });
    const { gas } = start(world);
    expect(() => gas.SpreadsheetApp.getUi().alert('x')).toThrow(/not a button of OK/);
  });
});

describe('toasts, sidebars and dialogs', () => {
  it('toast(msg, title, timeout) is recorded with its execution and time', () => {
    const { world, ss } = worldWithWorkbook();
    const { ex, gas } = start(world);
    gas.SpreadsheetApp.getActiveSpreadsheet().toast('3 factures émises', 'Facturier', 5);
    gas.SpreadsheetApp.getActiveSpreadsheet().toast('fini');
    expect(world.ui.toasts.map((t) => [t.message, t.title, t.timeoutSeconds])).toEqual([
      ['3 factures émises', 'Facturier', 5],
      ['fini', '', null],
    ]);
    expect(world.ui.toasts[0]?.spreadsheetId).toBe(ss.id);
    expect(world.ui.toasts[0]?.executionId).toBe(ex.ctx.executionId);
    expect(ex.rec.count('Spreadsheet.toast')).toBe(2);
  });

  it('a toast from a trigger is not an error (nobody sees it)', () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world, { interactive: false, document: true });
    gas.SpreadsheetApp.getActiveSpreadsheet().toast('en cours');
    expect(world.ui.toasts[0]?.interactive).toBe(false);
  });

  it('showSidebar and showModalDialog record the HTML shown', () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world);
    const ui = gas.SpreadsheetApp.getUi();
    const html = gas.HtmlService.createHtmlOutput('<p>Réglages</p>')
      .setTitle('Facturier')
      .setWidth(300);
    ui.showSidebar(html);
    ui.showModalDialog(gas.HtmlService.createHtmlOutput('<b>x</b>').setHeight(200), 'Aperçu');
    expect(world.ui.html).toEqual([
      expect.objectContaining({
        kind: 'sidebar',
        title: 'Facturier',
        content: '<p>Réglages</p>',
        width: 300,
      }),
      expect.objectContaining({ kind: 'modal', title: 'Aperçu', content: '<b>x</b>', height: 200 }),
    ]);
  });
});

describe('HtmlService', () => {
  it('templates evaluate <?= ?> escaped, <?!= ?> raw and <? ?> statements', () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world);
    const t = gas.HtmlService.createTemplate(
      '<h1><?= title ?></h1><?!= raw ?><? for (var i = 0; i < items.length; i++) { ?><li><?= items[i] ?></li><? } ?>',
    );
    t['title'] = 'A & <B>';
    t['raw'] = '<hr>';
    t['items'] = ['x', '<y>'];
    expect(t.evaluate().getContent()).toBe(
      '<h1>A &amp; &lt;B&gt;</h1><hr><li>x</li><li>&lt;y&gt;</li>',
    );
  });

  it('HtmlOutput setters and getters; append and appendUntrusted', () => {
    const { world } = worldWithWorkbook();
    const { gas } = start(world);
    const out = gas.HtmlService.createHtmlOutput()
      .append('<p>')
      .appendUntrusted('<script>')
      .append('</p>')
      .setTitle('T')
      .setWidth(400)
      .setHeight(250)
      .setSandboxMode(gas.HtmlService.SandboxMode.IFRAME)
      .setXFrameOptionsMode(gas.HtmlService.XFrameOptionsMode.DEFAULT);
    expect(out.getContent()).toBe('<p>&lt;script&gt;</p>');
    expect([out.getTitle(), out.getWidth(), out.getHeight()]).toEqual(['T', 400, 250]);
  });

  it('createHtmlOutputFromFile reads the project files registered on the world, else says which is missing', () => {
    const { world } = worldWithWorkbook();
    world.htmlFiles['Sidebar'] = '<div>ok</div>';
    const { gas } = start(world);
    expect(gas.HtmlService.createHtmlOutputFromFile('Sidebar').getContent()).toBe('<div>ok</div>');
    expect(String(thrown(() => gas.HtmlService.createHtmlOutputFromFile('Help')))).toBe(
      'Exception: No HTML file named Help was found.',
    );
  });
});
