import type { HomeView } from '@slack/types';
import type { Home } from '../../domain/home/load-home';
import { financeHomeView } from './home-finance';
import { otherHomeView } from './home-other';
import { writerHomeView } from './home-writer';

/** The Home tab for whoever opened it: finance, a writer, or anyone else. */
export function homeViewOf(home: Home, financeChannelId: string): HomeView {
  switch (home.kind) {
    case 'finance':
      return financeHomeView(home);
    case 'writer':
      return writerHomeView(home);
    case 'other':
      return otherHomeView(home, financeChannelId);
  }
}
