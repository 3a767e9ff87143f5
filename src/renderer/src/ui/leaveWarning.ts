import { useEffect } from 'react';

/**
 * Leaving the page (closing the tab, reloading, going elsewhere) with typed words not yet saved asks
 * first. Three kinds of unsaved words: text typed into a `<form>` that has not been sent since, or
 * for a CheckedForm not saved since (every form and every question with a reason, found from the
 * page's own input events); words a screen
 * holds that are not in a `<form>` and says are unsaved (`useUnsavedWords`); and drafts an autosave
 * has not finished saving (the score sheet registers its queue).
 */
const typedInto = new Set<HTMLFormElement>();
const unsavedSources = new Set<() => boolean>();

function hasUnsavedWords(): boolean {
  for (const form of typedInto) if (!form.isConnected) typedInto.delete(form);
  return typedInto.size > 0 || [...unsavedSources].some((unsaved) => unsaved());
}

function isTextEntry(target: EventTarget | null): target is HTMLInputElement | HTMLTextAreaElement {
  if (target instanceof HTMLTextAreaElement) return true;
  return (
    target instanceof HTMLInputElement &&
    ['text', 'search', 'email', 'tel', 'url', 'number', 'date', ''].includes(target.type)
  );
}

/**
 * Marks a form whose words stay unsaved after it is sent, until its save succeeds (`wordsSaved`):
 * a refused save keeps them unsaved. Forms without it count as saved once sent.
 */
export const SAVED_WHEN_SAVE_SUCCEEDS = 'data-saved-when-save-succeeds';

/** The words typed into `form` are saved: leaving no longer asks about them (until more are typed). */
export function wordsSaved(form: HTMLFormElement | null): void {
  if (form) typedInto.delete(form);
}

/** Installed once by the app's frame. */
export function useWarnBeforeLeaving(): void {
  useEffect(() => {
    const onInput = (event: Event) => {
      if (!isTextEntry(event.target)) return;
      const form = event.target.closest('form');
      if (form) typedInto.add(form);
    };
    const onSubmit = (event: Event) => {
      const form = event.target;
      if (form instanceof HTMLFormElement && !form.hasAttribute(SAVED_WHEN_SAVE_SUCCEEDS))
        typedInto.delete(form);
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!hasUnsavedWords()) return;
      event.preventDefault();
      // Older browsers ask only when returnValue is set.
      event.returnValue = '';
    };
    document.addEventListener('input', onInput, true);
    document.addEventListener('submit', onSubmit, true);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('input', onInput, true);
      document.removeEventListener('submit', onSubmit, true);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, []);
}

/** An autosave whose unsaved drafts count as unsaved words while the component lives. */
export function useAutosaveCountsAsUnsaved(unsaved: () => boolean): void {
  useEffect(() => {
    unsavedSources.add(unsaved);
    return () => {
      unsavedSources.delete(unsaved);
    };
  }, [unsaved]);
}

/**
 * Words a screen holds outside a `<form>` (typed, not yet recorded) count as unsaved while `unsaved`
 * is true and the screen is showing: one line per screen, e.g.
 * `useUnsavedWords(grounds.trim() !== '')`. A refused save keeps them unsaved; a recorded one clears
 * them (the screen empties its fields or goes away).
 */
export function useUnsavedWords(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const source = () => true;
    unsavedSources.add(source);
    return () => {
      unsavedSources.delete(source);
    };
  }, [unsaved]);
}

/**
 * Runs `whenHidden` as the page is put away: reloaded, closed, left, or hidden behind another app
 * (a phone may end a hidden page without warning). It runs synchronously in the event, so what it
 * writes to the page's storage is there when the page comes back.
 */
export function useWhenPageHidden(whenHidden: () => void): void {
  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') whenHidden();
    };
    window.addEventListener('pagehide', whenHidden);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', whenHidden);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [whenHidden]);
}
