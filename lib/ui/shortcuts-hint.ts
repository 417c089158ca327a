/** Where this browser lets the reader change an extension's shortcuts. */
export function shortcutsHint(): string {
  return import.meta.env.FIREFOX
    ? 'Change them in Firefox: Add-ons and themes → the gear menu → Manage Extension Shortcuts.'
    : 'Change them in Chrome at chrome://extensions/shortcuts.';
}
