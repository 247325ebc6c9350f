/** A shared mailbox (info@, sales@, presse@): an organisation's address, not a person's. */
export const ROLE_MAILBOX =
  /^(info|hello|hallo|hola|hi|sales|vertrieb|ventas|vendas|ventes|contact|contacto|contato|kontakt|contatti|office|kontor|buero|bureau|oficina|enquiries|inquiries|support|help|service|press|presse|prensa|media|admin|reception|empfang|team|mail|post|careers|jobs|karriere|empleo|hr|billing|accounts|invoices|rechnung|marketing|general|mailbox|secretariat|sekretariat|secretaria|giving|donate|membership|events|bookings|booking|reservations|reservas|privacy|datenschutz|legal|webmaster|noreply)([._-][a-z0-9]+)?@/;
export const isRoleMailbox = (email: string) => ROLE_MAILBOX.test(email);
