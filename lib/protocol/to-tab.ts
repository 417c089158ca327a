import { defineExtensionMessaging } from '@webext-core/messaging';
import type { Color } from '../model/annotation';
import type { PageAnnotations, PageMention, PageState } from '../model/page';

// The messages to a tab's content script: name -> request -> response. The popup and the background
// send (with the tab's id); the content script answers. Messages to the background: ./to-background.ts.

export interface ToTab {
  /** Sent to a tab's content script: the page's annotations, anchored or orphaned. */
  pageAnnotations(): PageAnnotations;
  /** Sent to a tab's content script: save the selection as a highlight (keyboard command). */
  highlightSelection(data: { color?: Color }): boolean;
  /** Sent to a tab's content script: scroll to an annotation. */
  revealAnnotation(data: { id: string }): boolean;
  /** Sent to a tab's content script (popup, background): what it shows now. */
  pageState(): PageState;
  /** Sent to a tab's content script: every highlighted mention, in document order. */
  pageMentions(): PageMention[];
  /** Sent to a tab's content script: scroll to the first (or n-th) mention of an entity and flash it. */
  revealEntity(data: { entityId: string; index?: number; openCard?: boolean }): boolean;
  /** Sent to a tab's content script (keyboard command): move to the next (+1) or previous (-1) highlight and open its card. */
  stepHighlight(data: { delta: 1 | -1 }): boolean;
  /** Sent to the tab's content script: an editor's notes changed (redraw) and/or it closed (remove the frame). */
  noteEditorDone(data: { token: string; changed: boolean; closed: boolean }): void;
}

export const tabMessaging = defineExtensionMessaging<ToTab>();
export const { sendMessage: sendToTab, onMessage: onTabMessage } = tabMessaging;
