// @vitest-environment jsdom
// The sync settings as a view: status by props, actions as callbacks (the `rooms` branch moves the
// hook out of components; this tests the view either way).
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncSettingsView } from '../../../components/SyncSettings';
import type { SyncStatus } from '../../../lib/sync/status';
import type { SyncActions } from '../../../lib/sync/use-sync-status';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const off: SyncStatus = {
  enabled: false,
  serverUrl: 'https://sync.example',
  accountId: null,
  deviceId: null,
  hasKey: false,
  verified: false,
  pending: 0,
  running: false,
  lastSyncAt: null,
  lastAttemptAt: null,
  lastError: null,
  nextRetryAt: null,
  choosingPassphrase: false,
  setAside: 0,
  setAsideReasons: [],
};
const linked: SyncStatus = { ...off, enabled: true, accountId: 'acc', deviceId: 'dev', hasKey: true, verified: true, pending: 2, lastSyncAt: 1_000_000 };

function actions(over: Partial<SyncActions> = {}): SyncActions {
  return {
    syncNow: vi.fn(async () => {}),
    createAccount: vi.fn(async () => 'csto-sync-v2.KEY'),
    link: vi.fn(async () => {}),
    setPassphrase: vi.fn(async () => {}),
    disconnect: vi.fn(async () => {}),
    ...over,
  };
}

describe('SyncSettingsView', () => {
  it('says it is loading before the status comes', () => {
    render(<SyncSettingsView status={null} actions={actions()} />);
    expect(screen.getByText('Loading…')).toBeTruthy();
  });

  it('not linked: creates an account on the server given, or links with a sync key (Link waits for a key)', async () => {
    const user = userEvent.setup();
    const a = actions();
    render(<SyncSettingsView status={off} actions={a} />);
    const server = screen.getByRole('textbox', { name: /Server URL/ }) as HTMLInputElement;
    expect(server.value).toBe('https://sync.example');
    await user.clear(server);
    await user.type(server, 'https://mine.example');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    expect(a.createAccount).toHaveBeenCalledExactlyOnceWith('https://mine.example');

    const link = screen.getByRole('button', { name: 'Link' }) as HTMLButtonElement;
    expect(link.disabled).toBe(true);
    await user.type(screen.getByPlaceholderText(/sync key/), 'csto-sync-v2.OTHER');
    expect(link.disabled).toBe(false);
    await user.click(link);
    expect(a.link).toHaveBeenCalledExactlyOnceWith('https://mine.example', 'csto-sync-v2.OTHER');
  });

  it('a new account shows its key once, with Done to hide it', async () => {
    const user = userEvent.setup();
    const a = actions();
    const { rerender } = render(<SyncSettingsView status={off} actions={a} />);
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    rerender(<SyncSettingsView status={{ ...linked, hasKey: false, choosingPassphrase: true }} actions={a} />);
    expect(screen.getByTestId('sync-key').textContent).toBe('csto-sync-v2.KEY');
    expect(screen.getByTestId('sync-passphrase-hint')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('sync-key')).toBeNull();
  });

  it('linked without a key: asks for the passphrase and clears the field once it is set; Sync now waits for it', async () => {
    const user = userEvent.setup();
    const a = actions();
    render(<SyncSettingsView status={{ ...linked, hasKey: false }} actions={a} />);
    expect((screen.getByRole('button', { name: 'Sync now' }) as HTMLButtonElement).disabled).toBe(true);
    const field = screen.getByLabelText(/Passphrase/) as HTMLInputElement;
    await user.type(field, 'correct horse battery staple');
    await user.click(screen.getByRole('button', { name: 'Set passphrase' }));
    expect(a.setPassphrase).toHaveBeenCalledExactlyOnceWith('correct horse battery staple');
    expect(field.value).toBe('');
  });

  it('linked: the details (pending, last sync, set aside with reasons), Sync now, and Disconnect only after confirming', async () => {
    const user = userEvent.setup();
    const a = actions();
    const status: SyncStatus = { ...linked, setAside: 3, setAsideReasons: [{ reason: 'did not decrypt', count: 2 }, { reason: 'refused', count: 1 }] };
    render(<SyncSettingsView status={status} actions={a} now={1_000_000 + 120_000} />);
    expect(screen.getByTestId('sync-pending').textContent).toBe('2');
    expect(screen.getByTestId('sync-last').textContent).toMatch(/2 min/);
    expect(screen.getByTestId('sync-set-aside').textContent).toBe('3 changes that did not verify or were refused: did not decrypt (2); refused (1)');
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(a.syncNow).toHaveBeenCalledOnce();

    const confirm = vi.spyOn(window, 'confirm').mockReturnValueOnce(false).mockReturnValueOnce(true);
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(a.disconnect).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(confirm).toHaveBeenCalledTimes(2);
    expect(a.disconnect).toHaveBeenCalledOnce();
  });

  it('a failed action is shown as an alert, and the buttons come back', async () => {
    const user = userEvent.setup();
    const a = actions({ syncNow: vi.fn(async () => Promise.reject(new Error('server unreachable'))) });
    render(<SyncSettingsView status={linked} actions={a} />);
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect((await screen.findByRole('alert')).textContent).toBe('server unreachable');
    expect((screen.getByRole('button', { name: 'Sync now' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
