/**
 * The domain's messages (src/messages/domain.messages.ts), bound: `domainText.pair(key, params)`
 * for a DomainError or an issue, `domainText.both(key, params)` where one "es / en" line is kept.
 */
import { messagesOf } from '../../messages/catalog';
import { domainMessages } from '../../messages/domain.messages';

export const domainText = messagesOf(domainMessages);
