import type { SimView } from './types';

/** Modals and App Home views the app opened, pushed, updated or published, latest version of each. */
export class ViewStore {
  private readonly viewsById = new Map<string, SimView>();

  save(view: SimView): SimView {
    this.viewsById.set(view.id, view);
    return view;
  }

  byId(id: string): SimView | undefined {
    return this.viewsById.get(id);
  }

  byExternalId(externalId: string): SimView | undefined {
    return this.all().find((view) => view.externalId === externalId);
  }

  homeOf(userId: string): SimView | undefined {
    return this.all().find((view) => view.openedWith === 'views.publish' && view.userId === userId);
  }

  all(): SimView[] {
    return [...this.viewsById.values()];
  }

  reset(): void {
    this.viewsById.clear();
  }
}
