/** The board pages' translator over their catalog (src/messages/board.messages.ts), shared by every board module. */
import { boardMessages } from '../../src/messages/board.messages';
import type { MessageKey } from '../../src/messages/catalog';
import { language } from './i18n';
import { translator } from './i18n';
import { formatNumber } from './time-format';

export type BoardKey = MessageKey<typeof boardMessages>;

export const { t, tKey, translatePage } = translator(boardMessages);

export const fmt = (n: number) => formatNumber(n, language());
