import type { Migration } from '../migration.ts';
import { migration001 } from './001-bars.ts';
import { migration002 } from './002-orders.ts';
import { migration003 } from './003-signals-bots.ts';
import { migration004 } from './004-history.ts';
import { migration005 } from './005-execution.ts';
import { migration006 } from './006-risk-state.ts';
import { migration007 } from './007-bot-signals.ts';
import { migration008 } from './008-model-registry.ts';
import { migration009 } from './009-optimiser.ts';
import { migration010 } from './010-backtests.ts';
import { migration011 } from './011-var-shadow.ts';
import { migration012 } from './012-drop-shadow-order-tables.ts';
import { migration013 } from './013-bar-source.ts';

/** Append only: a shipped migration is never edited, a change is a new number. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013];
