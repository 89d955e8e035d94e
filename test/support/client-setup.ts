import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/preact';
import { afterEach, beforeAll } from 'vitest';
import { loadDictionary } from '../../src/client/i18n/index.ts';

// The app fetches one dictionary before its first paint; tests switch freely between both.
beforeAll(() => Promise.all([loadDictionary('en'), loadDictionary('fr')]));

afterEach(() => cleanup());

// findBy… and waitFor give up after 1 s by default: on a shared, loaded machine the first
// import of a lazy route alone can take longer, and the test then fails on timing rather
// than on behaviour. They still fail when what they wait for never comes.
configure({ asyncUtilTimeout: 5_000 });
