import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeAll } from 'vitest';
import { loadDictionary } from '../../src/client/i18n/index.ts';

// The app fetches one dictionary before its first paint; tests switch freely between both.
beforeAll(() => Promise.all([loadDictionary('en'), loadDictionary('fr')]));

afterEach(() => cleanup());
