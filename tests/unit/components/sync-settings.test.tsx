// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SyncSettingsView } from '../../../components/SyncSettings';
import type { SyncStatus } from '../../../lib/sync/status';
import type { SyncActions } from '../../../lib/sync/use-sync-status';
import { qrDataUrl } from '../../../lib/ui/qr-code';

afterEach(cleanup);
const off: SyncStatus = {
  enabled: false,
  serverUrl: 'http://127.0.0.1:8787',
  accountId: null,
  deviceId: 'd-1',
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
  kept: 0,
};
const on: SyncStatus = { ...off, enabled: true, accountId: 'a', hasKey: true, verified: true, lastSyncAt: 0 };
const KEY = 'v3.0b6f3c1e-2a4d-4e5f-8a9b-0c1d2e3f4a5b.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.c2FsdHNhbHRzYWx0c2FsdA.aHR0cDovLzEyNy4wLjAuMTo4Nzg3';
const actions = (): SyncActions => ({
  syncNow: vi.fn(async () => undefined),
  turnOn: vi.fn(async () => KEY),
  join: vi.fn(async () => undefined),
  showKey: vi.fn(async () => KEY),
  createAccount: vi.fn(async () => KEY),
  link: vi.fn(async () => undefined),
  setPassphrase: vi.fn(async () => undefined),
  disconnect: vi.fn(async () => undefined),
});

describe('SyncSettingsView', () => {
  it('turns sync on in one step (passphrase; the server prefilled) and shows the key with its QR code', async () => {
    const a = actions();
    const { rerender } = render(<SyncSettingsView status={off} actions={a} makeQr={qrDataUrl} />);
    expect(screen.getByRole('button', { name: 'Turn on sync' })).toHaveProperty('disabled', true);
    await userEvent.type(screen.getAllByLabelText('Passphrase')[0]!, 'four unusual words here');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on sync' }));
    expect(a.turnOn).toHaveBeenCalledWith('http://127.0.0.1:8787', 'four unusual words here');
    rerender(<SyncSettingsView status={on} actions={a} makeQr={qrDataUrl} />);
    expect(await screen.findByTestId('sync-key')).toHaveProperty('textContent', KEY);
    const qr = await screen.findByRole('img', { name: 'QR code of the sync key' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;charset=utf-8,/);
    expect(decodeURIComponent(qr.getAttribute('src')!)).toContain('<svg');
  });

  it('joins with the sync key and the passphrase in one step; an older key uses the server field', async () => {
    const a = actions();
    render(<SyncSettingsView status={off} actions={a} />);
    await userEvent.type(screen.getByLabelText('Sync key'), KEY);
    await userEvent.type(screen.getAllByLabelText('Passphrase')[1]!, 'four unusual words here');
    await userEvent.click(screen.getByRole('button', { name: 'Link this device' }));
    expect(a.join).toHaveBeenCalledWith(KEY, 'four unusual words here', undefined);
    const old = 'v2.0b6f3c1e-2a4d-4e5f-8a9b-0c1d2e3f4a5b.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.c2FsdHNhbHRzYWx0c2FsdA';
    await userEvent.type(screen.getByLabelText('Sync key'), old);
    await userEvent.type(screen.getAllByLabelText('Passphrase')[1]!, 'x');
    await userEvent.click(screen.getByRole('button', { name: 'Link this device' }));
    expect(a.join).toHaveBeenLastCalledWith(old, 'x', 'http://127.0.0.1:8787');
  });

  it('on a linked device, Show sync key shows it again; a failing join shows its reason', async () => {
    const a = actions();
    const { rerender } = render(<SyncSettingsView status={on} actions={a} />);
    await userEvent.click(screen.getByRole('button', { name: 'Show sync key' }));
    expect(await screen.findByTestId('sync-key')).toHaveProperty('textContent', KEY);
    expect(screen.getByRole('button', { name: 'Show sync key' })).toHaveProperty('disabled', true);
    await userEvent.click(screen.getByRole('button', { name: 'Hide' }));
    expect(screen.queryByTestId('sync-key')).toBeNull();

    a.join = vi.fn(async () => {
      throw new Error("wrong passphrase: this account's notes were encrypted with another passphrase");
    });
    rerender(<SyncSettingsView status={off} actions={a} />);
    await userEvent.type(screen.getByLabelText('Sync key'), KEY);
    await userEvent.type(screen.getAllByLabelText('Passphrase')[1]!, 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Link this device' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/wrong passphrase/));
  });
});
