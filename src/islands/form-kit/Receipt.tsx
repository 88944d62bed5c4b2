/**
 * The receipt under a form's thanks: the private tracking link of what was
 * just sent, shown once (the server keeps only its digest), with « Imprimer
 * ce reçu » (the print stylesheet prints the receipt alone). A 2xx whose body
 * could not be read has no link to show: the citizen can ask for it again,
 * which replays the same send with the same idempotency key, so nothing is
 * written twice and the same link comes back.
 */
import { useState } from "react";
import { formatFrenchDate } from "../../domain/french-date";
import { frTracking, receiptSecret, trackingUrl } from "../../domain/tracking";
import type { ApiResult } from "./api";
import { describeFailure } from "./outcome";
import { StatusRegion, useAnnouncement } from "./StatusRegion";

const receivedFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short" });
const text = frTracking.receipt;

/** Props of Receipt. */
export interface ReceiptProps {
  /** Prefix of the receipt's element ids. */
  id: string;
  /** The body of the 2xx answer. */
  response: unknown;
  /** Sends the same request again (same key): useSubmitForm's resendSent. */
  recover?: (() => Promise<ApiResult<unknown>>) | undefined;
}

export function Receipt({ id, response, recover }: ReceiptProps) {
  const [receivedAt] = useState(() => new Date());
  const [recovering, setRecovering] = useState(false);
  const [failed, setFailed] = useState(false);
  const [notice, announce] = useAnnouncement();
  const secret = receiptSecret(response);

  if (!secret) {
    return (
      <section className="tracking-receipt" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{text.title}</h2>
        <p>{failed || !recover ? text.unavailable : text.missing}</p>
        {recover && !failed && (
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={recovering ? true : undefined}
            onClick={async () => {
              if (recovering) return;
              setRecovering(true);
              announce(text.recovering);
              const result = await recover();
              setRecovering(false);
              if (result.kind !== "ok") {
                announce(describeFailure(result, false));
                return;
              }
              announce("");
              // A second answer without a link: the row has none to give (see use-cases/tracking.ts).
              if (!receiptSecret(result.data)) setFailed(true);
            }}
          >
            {text.recover}
          </button>
        )}
        <StatusRegion message={notice} />
      </section>
    );
  }

  const url = trackingUrl(window.location.origin, secret);
  return (
    <section className="tracking-receipt" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{text.title}</h2>
      <p className="tracking-receipt-date">{text.receivedAt(formatFrenchDate(receivedFormat, receivedAt))}</p>
      <p>{text.intro}</p>
      <p className="tracking-receipt-label" id={`${id}-label`}>
        {text.linkLabel}
      </p>
      <p className="tracking-receipt-link">
        <a href={url} aria-describedby={`${id}-label`}>
          {url}
        </a>
      </p>
      <p>{text.once}</p>
      <p>{text.private}</p>
      <button type="button" className="button button-secondary" onClick={() => window.print()}>
        {text.print}
      </button>
    </section>
  );
}
