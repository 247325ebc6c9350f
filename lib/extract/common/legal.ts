/** A registered company's name with its legal form: "Grachtwerk B.V.", "Altamira Consultores, S.L.". */
export const LEGAL_NAME =
  /(?:^|[\s:,(])((?:[\p{Lu}\d][\p{L}\d&.'’+-]*\s){0,5}?[\p{Lu}\d][\p{L}\d&.'’+-]*,?\s(?:GmbH(?: & Co\.? KG)?|UG(?: \(haftungsbeschr(?:ä|ae)nkt\))?|AG|KG|mbB|e\.\s?V\.|Ltd\.?|Limited|LLC|L\.L\.C\.|LLP|PLC|plc|Inc\.?|Corp\.?|Corporation|S\.A\.(?: de C\.V\.)?|SA|SAS|SARL|S\.L\.|SL|S\.r\.l\.|S\.p\.A\.|B\.V\.|BV|N\.V\.|Oy|AB|A\/S|ApS|AS|sp\. z o\.o\.|s\.r\.o\.|Pty\.? Ltd\.?|Pvt\.? Ltd\.?|K\.K\.|Co\., Ltd\.|Lda\.?|Ltda\.?|S\.C\.|ASBL|VZW|ASA))(?=$|[\s,.;)·|])/gu;
