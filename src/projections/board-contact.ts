/**
 * Who runs the election, for the footer of every board page: the authority's name and how to
 * reach it (e-mail, phone, web page) and its privacy notice. Set by the authority at deployment
 * (URNA_AUTHORITY_NAME, URNA_CONTACT_EMAIL, URNA_CONTACT_PHONE, URNA_CONTACT_URL,
 * URNA_PRIVACY_URL); what is missing shows as a placeholder the authority must fill in, never as
 * made-up details. Values that are not what they claim (an e-mail without @, a javascript: link)
 * are dropped, so the page can put them in mailto:, tel: and href attributes as they are.
 */
export interface BoardContact {
  authority?: string;
  email?: string;
  phone?: string;
  url?: string;
  privacyUrl?: string;
}

const EMAIL = /^[^\s@<>"'()]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,}$/;
const PHONE = /^\+?[0-9 ()-]{6,30}$/;

function webUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

export function boardContactFromEnv(env: Record<string, string | undefined>): BoardContact {
  const text = (v: string | undefined) => (v && v.trim() && v.trim().length <= 200 && !/[\u0000-\u001f\u007f]/.test(v) ? v.trim() : undefined);
  const email = text(env.URNA_CONTACT_EMAIL);
  const phone = text(env.URNA_CONTACT_PHONE);
  const contact: BoardContact = {
    authority: text(env.URNA_AUTHORITY_NAME),
    email: email && EMAIL.test(email) ? email : undefined,
    phone: phone && PHONE.test(phone) ? phone : undefined,
    url: webUrl(text(env.URNA_CONTACT_URL)),
    privacyUrl: webUrl(text(env.URNA_PRIVACY_URL)),
  };
  return Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== undefined)) as BoardContact;
}
