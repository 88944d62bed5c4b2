/**
 * The pages' own texts (texts.json in the content folder): the organisation,
 * header and footer, the home and mission pages, press, agenda and
 * initiatives texts, the legal notice and privacy particulars. A file of its
 * own, read by the pages only: the islands import consultation.ts, and each
 * of their bundles would otherwise carry all of it to the browser.
 */
import { contentDirLabel, texts as rawTexts } from "../content-files";
import { parseContent } from "./consultation";
import { type PageTexts, pageTextsSchema } from "./consultation-texts.schema";

export const pageTexts: PageTexts = parseContent(`${contentDirLabel}/texts.json`, pageTextsSchema, rawTexts);
