/**
 * A small Table Schema v1 validator (frictionless specification, the subset
 * the open data files use): field types string, integer, number, boolean,
 * date and datetime in their default formats; string formats uuid and uri;
 * constraints required, unique, enum, pattern, minimum and maximum;
 * missingValues; primaryKey. Written from the specification, independently
 * of src/domain/open-data.ts, so that the schema files are checked against
 * the data rather than against the code that wrote both.
 *
 * The CSV files are also read by the reference library, tableschema-js
 * (tests/build/tableschema-reader.ts). This one is kept for what that library
 * does not check: the JSON file's typed values (a number must be a number,
 * null is missing), each row's exact columns, and patterns matched against
 * the whole value as the specification says (the library only searches).
 *
 * JSON rows hold typed values (null when missing); CSV rows hold the text of
 * each cell, read as the specification reads a physical value.
 */

/** The parts of a Table Schema descriptor this validator reads. */
export interface TableSchemaLike {
  fields: {
    name: string;
    type: string;
    format?: string;
    constraints?: {
      required?: boolean;
      unique?: boolean;
      enum?: unknown[];
      pattern?: string;
      minimum?: number;
      maximum?: number;
    };
  }[];
  missingValues?: string[];
  primaryKey?: string | string[];
}

const SUPPORTED_TYPES = new Set(["string", "integer", "number", "boolean", "date", "datetime"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Table Schema v1's default datetime format, `YYYY-MM-DDThh:mm:ssZ`: UTC, whole seconds (the looser XML
 * Schema dateTime, with any offset, is v2's). tableschema-js reads it the same way.
 */
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const TRUE_VALUES = ["true", "True", "TRUE", "1"];
const FALSE_VALUES = ["false", "False", "FALSE", "0"];

/** The logical value of one cell, or an error message. */
function cast(type: string, raw: unknown, physical: boolean): { value: unknown } | { error: string } {
  const text = typeof raw === "string" ? raw : undefined;
  switch (type) {
    case "string":
      return typeof raw === "string" ? { value: raw } : { error: `expected a string, got ${JSON.stringify(raw)}` };
    case "integer": {
      const value = physical && text !== undefined && /^[+-]?\d+$/.test(text) ? Number(text) : raw;
      return typeof value === "number" && Number.isInteger(value)
        ? { value }
        : { error: `expected an integer, got ${JSON.stringify(raw)}` };
    }
    case "number": {
      const value = physical && text !== undefined && text.trim() !== "" ? Number(text) : raw;
      return typeof value === "number" && Number.isFinite(value)
        ? { value }
        : { error: `expected a number, got ${JSON.stringify(raw)}` };
    }
    case "boolean": {
      if (typeof raw === "boolean") return { value: raw };
      if (physical && text !== undefined && TRUE_VALUES.includes(text)) return { value: true };
      if (physical && text !== undefined && FALSE_VALUES.includes(text)) return { value: false };
      return { error: `expected a boolean, got ${JSON.stringify(raw)}` };
    }
    case "date":
      return typeof raw === "string" && DATE.test(raw) && !Number.isNaN(Date.parse(`${raw}T00:00:00Z`))
        ? { value: raw }
        : { error: `expected a date YYYY-MM-DD, got ${JSON.stringify(raw)}` };
    case "datetime":
      return typeof raw === "string" && DATETIME.test(raw) && !Number.isNaN(Date.parse(raw))
        ? { value: raw }
        : { error: `expected a UTC date-time YYYY-MM-DDThh:mm:ssZ, got ${JSON.stringify(raw)}` };
    default:
      return { error: `type ${type} is not supported by this validator` };
  }
}

function checkFormat(format: string | undefined, value: unknown): string | undefined {
  if (format === undefined || format === "default" || typeof value !== "string") return undefined;
  if (format === "uuid") return UUID.test(value) ? undefined : `${JSON.stringify(value)} is not a UUID`;
  if (format === "uri") {
    try {
      const url = new URL(value);
      return url.protocol ? undefined : `${JSON.stringify(value)} has no scheme`;
    } catch {
      return `${JSON.stringify(value)} is not a URI`;
    }
  }
  return `format ${format} is not supported by this validator`;
}

/**
 * Every problem of `rows` against `schema`, as "row 3, body: …" messages;
 * empty when they are valid. `physical` is true for CSV cells (text),
 * false for JSON values. Each row must have exactly the schema's columns,
 * in its order.
 */
export function validateTable(schema: TableSchemaLike, rows: Record<string, unknown>[], physical: boolean): string[] {
  const problems: string[] = [];
  const names = schema.fields.map((field) => field.name);
  const missing = new Set(schema.missingValues ?? [""]);
  const seen = new Map<string, Set<string>>();

  for (const field of schema.fields) {
    if (!SUPPORTED_TYPES.has(field.type)) problems.push(`schema, ${field.name}: type ${field.type} is not supported`);
  }
  const keys = typeof schema.primaryKey === "string" ? [schema.primaryKey] : (schema.primaryKey ?? []);
  for (const key of keys) {
    if (!names.includes(key)) problems.push(`schema: primary key ${key} is not a field`);
  }

  rows.forEach((row, index) => {
    const where = `row ${index + 1}`;
    const columns = Object.keys(row);
    if (columns.join(",") !== names.join(",")) {
      problems.push(`${where}: columns [${columns.join(", ")}] are not the schema's [${names.join(", ")}]`);
    }
    for (const field of schema.fields) {
      const raw = row[field.name];
      const constraints = field.constraints ?? {};
      const isMissing = raw === null || raw === undefined || (typeof raw === "string" && missing.has(raw));
      const required = constraints.required === true || keys.includes(field.name);
      if (isMissing) {
        if (required) problems.push(`${where}, ${field.name}: required but missing`);
        continue;
      }
      const result = cast(field.type, raw, physical);
      if ("error" in result) {
        problems.push(`${where}, ${field.name}: ${result.error}`);
        continue;
      }
      const { value } = result;
      const formatProblem = checkFormat(field.format, value);
      if (formatProblem) problems.push(`${where}, ${field.name}: ${formatProblem}`);
      if (constraints.enum && !constraints.enum.includes(value)) {
        problems.push(
          `${where}, ${field.name}: ${JSON.stringify(value)} is not one of ${JSON.stringify(constraints.enum)}`,
        );
      }
      // Table Schema patterns match the whole value (XML Schema regular expressions are anchored).
      if (constraints.pattern !== undefined && !new RegExp(`^(?:${constraints.pattern})$`, "u").test(String(raw))) {
        problems.push(`${where}, ${field.name}: ${JSON.stringify(raw)} does not match ${constraints.pattern}`);
      }
      if (typeof value === "number") {
        if (constraints.minimum !== undefined && value < constraints.minimum) {
          problems.push(`${where}, ${field.name}: ${value} is below ${constraints.minimum}`);
        }
        if (constraints.maximum !== undefined && value > constraints.maximum) {
          problems.push(`${where}, ${field.name}: ${value} is above ${constraints.maximum}`);
        }
      }
      // A field of a composite primary key need not be unique alone: the whole key is checked below.
      if (constraints.unique === true || (keys.length === 1 && keys.includes(field.name))) {
        const values = seen.get(field.name) ?? new Set<string>();
        const key = JSON.stringify(value);
        if (values.has(key)) problems.push(`${where}, ${field.name}: ${key} is not unique`);
        values.add(key);
        seen.set(field.name, values);
      }
    }
    if (keys.length > 1) {
      const values = seen.get("") ?? new Set<string>();
      const key = JSON.stringify(keys.map((name) => row[name]));
      if (values.has(key)) problems.push(`${where}, primary key [${keys.join(", ")}]: ${key} is not unique`);
      values.add(key);
      seen.set("", values);
    }
  });
  return problems;
}
