// The chat of a video call handed from the call page to the journal note page, in this page's memory only: not in the
// URL, not in history state (which the browser keeps across reloads), gone when the tab is closed or reloaded.
const handedOver = new Map<string, string[]>();

export function handOverChat(appointmentId: string, lines: string[]): void {
  if (lines.length > 0) handedOver.set(appointmentId, lines);
}

export function chatFor(appointmentId: string): string[] {
  return handedOver.get(appointmentId) ?? [];
}

/** Once the note is saved the chat has served: it is dropped. */
export function dropChat(appointmentId: string): void {
  handedOver.delete(appointmentId);
}
