/** The credentials catalog (src/messages/credentials.messages.ts), bound for the deciders. */
import { messagesOf } from '../../messages/catalog';
import { credentialMessages } from '../../messages/credentials.messages';

export const credentialText = messagesOf(credentialMessages);
