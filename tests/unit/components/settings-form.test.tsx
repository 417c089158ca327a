// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsForm } from '../../../components/SettingsForm';
import { DEFAULT_SETTINGS } from '../../../lib/settings';

afterEach(cleanup);

describe('SettingsForm density', () => {
  it('turns "first mention only" and "article body only" on, leaving the other settings alone', async () => {
    const onChange = vi.fn();
    const { rerender } = render(<SettingsForm settings={DEFAULT_SETTINGS} onChange={onChange} />);
    const first = screen.getByRole('checkbox', { name: /First mention only/ }) as HTMLInputElement;
    const body = screen.getByRole('checkbox', { name: /Article body only/ }) as HTMLInputElement;
    expect([first.checked, body.checked]).toEqual([false, false]);
    await userEvent.click(first);
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, firstMentionOnly: true });
    rerender(<SettingsForm settings={{ ...DEFAULT_SETTINGS, firstMentionOnly: true }} onChange={onChange} />);
    await userEvent.click(body);
    expect(onChange).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, firstMentionOnly: true, articleBodyOnly: true });
  });
});
