/**
 * A small RFC 4180 parser for the tests, written from the RFC and
 * independently of the writer it checks (src/domain/csv.ts).
 */

/**
 * RFC 4180, section 2, as a state machine over the characters: fields
 * separated by commas, records by CRLF, a quoted field may hold commas, CR,
 * LF and doubled quotes. Strict: a quote inside an unquoted field, text
 * after a closing quote, a bare CR or LF between records, or an unclosed
 * quote is an error, so that a writer that bends the rules fails here.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let index = 0;
  const fail = (why: string): never => {
    throw new Error(`invalid CSV at character ${index}: ${why}`);
  };
  const endField = () => {
    record.push(field);
    field = "";
  };
  while (index < text.length) {
    if (text[index] === '"') {
      if (field !== "") fail("quote inside an unquoted field");
      index += 1;
      for (;;) {
        if (index >= text.length) fail("unclosed quoted field");
        if (text[index] === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index += 1;
          break;
        }
        field += text[index];
        index += 1;
      }
      if (index < text.length && text[index] !== "," && text.slice(index, index + 2) !== "\r\n") {
        fail("text after a closing quote");
      }
      continue;
    }
    if (text[index] === ",") {
      endField();
      index += 1;
      continue;
    }
    if (text.slice(index, index + 2) === "\r\n") {
      endField();
      records.push(record);
      record = [];
      index += 2;
      continue;
    }
    if (text[index] === "\r" || text[index] === "\n") fail("bare CR or LF outside quotes");
    field += text[index];
    index += 1;
  }
  // A last record without its CRLF (allowed by the RFC).
  if (field !== "" || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}
