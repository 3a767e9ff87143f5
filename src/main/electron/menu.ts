import { app, dialog, Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import { MENU_CHANNEL, type MenuCommand } from '../../shared/api';

/** The usual File / Edit / View / Help menus, with the app's own commands sent to the page. */
export function buildApplicationMenu(getWindow: () => BrowserWindow | undefined): Menu {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send(MENU_CHANNEL, command);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open case file…', accelerator: 'CmdOrCtrl+O', click: send('open-case') },
        { label: 'Close case file', accelerator: 'CmdOrCtrl+W', click: send('close-case') },
        { type: 'separator' },
        { label: 'Verify a certificate…', click: send('verify-certificate') },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: send('settings') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
      ],
    },
    { role: 'editMenu', label: '&Edit' },
    {
      label: '&View',
      submenu: [
        { role: 'zoomIn', label: 'Larger text' },
        { role: 'zoomOut', label: 'Smaller text' },
        { role: 'resetZoom', label: 'Normal text size' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged
          ? []
          : ([{ type: 'separator' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
      ],
    },
    {
      label: '&Help',
      submenu: [
        {
          label: 'About Coproduction Panel',
          click: () => {
            void dialog.showMessageBox({
              type: 'info',
              title: 'About Coproduction Panel',
              message: `Coproduction Panel ${app.getVersion()}`,
              detail:
                'Assess, moderate and certify organisations against the coproduction standard built on the I Statements. Works fully offline.',
            });
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
