/** A listener of {@link EventStore.onSubjectForgotten}: `undefined` when any subject may be. */
export type SubjectForgottenListener = (subjectId: string | undefined) => void;

/**
 * The listeners of one store's (or one shared log's) forgets. A listener that throws does not
 * keep the others from hearing.
 */
export class ForgetListeners {
  readonly #listeners = new Set<SubjectForgottenListener>();

  /** Adds a listener; the returned function removes it. */
  add(listener: SubjectForgottenListener): () => void {
    const entry: SubjectForgottenListener = (subjectId) => listener(subjectId);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /** Tells every listener; `undefined`: some subject may have been forgotten unheard. */
  emit(subjectId: string | undefined): void {
    for (const listener of this.#listeners) {
      try {
        listener(subjectId);
      } catch {
        // A listener's failure is its own; the others still drop what they hold.
      }
    }
  }
}
