/**
 * "Je soutiens" / "Je ne suis pas d'accord" under a published contribution:
 * one reaction per person, as toggle buttons whose pressed state says which
 * one this browser chose. A second vote is refused, and the refusal is said.
 */
import { useEffect, useRef, useState } from "react";
import { type ReactionKind, reactionKinds } from "../domain/contribution.schema";
import { frForms } from "../domain/messages.fr";
import { postJson } from "./form-kit/api";
import { voterToken } from "./form-kit/identity";
import { describeFailure } from "./form-kit/outcome";
import { StatusRegion, useAnnouncement } from "./form-kit/StatusRegion";
import { readStorage, writeStorage } from "./form-kit/storage";

/** Reactions of each kind to one contribution. */
export interface ReactionCounts {
  support: number;
  disagree: number;
}

/** Props of ReactionButtons. */
export interface ReactionButtonsProps {
  contributionId: string;
  /** Counts at build time; replaced by the server's after a vote. */
  counts: ReactionCounts;
}

/** What this browser answered: a kind, or "unknown" when the server said it had already voted (from another tab). */
type Vote = ReactionKind | "unknown";

/** localStorage key remembering this browser's reaction to one contribution. */
export function reactionStorageKey(contributionId: string): string {
  return `consultation:reaction:${contributionId}`;
}

const KINDS = Object.keys(reactionKinds) as ReactionKind[];

function isVote(value: unknown): value is Vote {
  return value === "unknown" || KINDS.includes(value as ReactionKind);
}

/** What this browser remembers of one contribution: its vote and the counts the server gave with it. */
interface Remembered {
  vote: Vote;
  counts?: ReactionCounts;
}

/** Reads the stored record; a bare vote string is what earlier versions stored. */
function parseRemembered(stored: string | null): Remembered | undefined {
  if (stored === null) return undefined;
  if (isVote(stored)) return { vote: stored };
  try {
    const value = JSON.parse(stored) as { vote?: unknown; counts?: unknown };
    if (!isVote(value.vote)) return undefined;
    const counts = countsOf(value);
    return counts ? { vote: value.vote, counts } : { vote: value.vote };
  } catch {
    return undefined;
  }
}

/**
 * The page's counts date from its build: until the next rebuild, the counts
 * the server returned with this browser's vote are fresher. Each kind keeps
 * the larger, so a later build (with other people's votes) wins too.
 */
function freshest(built: ReactionCounts, remembered: ReactionCounts | undefined): ReactionCounts {
  if (!remembered) return built;
  return {
    support: Math.max(built.support, remembered.support),
    disagree: Math.max(built.disagree, remembered.disagree),
  };
}

/** The counts of a 201 answer, if it has them. */
function countsOf(data: unknown): ReactionCounts | undefined {
  const counts = (data as { counts?: Partial<ReactionCounts> } | undefined)?.counts;
  return typeof counts?.support === "number" && typeof counts.disagree === "number"
    ? { support: counts.support, disagree: counts.disagree }
    : undefined;
}

/** The two reaction buttons of one contribution; POST /api/contributions/:id/reactions. */
export default function ReactionButtons({ contributionId, counts: initialCounts }: ReactionButtonsProps) {
  const [counts, setCounts] = useState(initialCounts);
  const [vote, setVote] = useState<Vote | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const [hydrated, setHydrated] = useState(false);
  const [message, announce] = useAnnouncement();
  const sendingRef = useRef(false);
  const storageKey = reactionStorageKey(contributionId);

  useEffect(() => {
    setHydrated(true);
    const remembered = parseRemembered(readStorage(storageKey));
    if (!remembered) return;
    setVote(remembered.vote);
    setCounts((built) => freshest(built, remembered.counts));
  }, [storageKey]);

  const remember = (value: Vote, fresh?: ReactionCounts) => {
    setVote(value);
    const record: Remembered = fresh ? { vote: value, counts: fresh } : { vote: value };
    writeStorage(storageKey, JSON.stringify(record));
  };

  async function react(kind: ReactionKind) {
    if (sendingRef.current) return announce(frForms.sending);
    // Known locally: no request, the answer would be a 409 anyway.
    if (vote) return announce(frForms.reactions.alreadyReacted);
    sendingRef.current = true;
    setSending(true);
    announce(frForms.sending);
    const result = await postJson(`/api/contributions/${encodeURIComponent(contributionId)}/reactions`, {
      kind,
      voterToken: voterToken(),
    });
    sendingRef.current = false;
    setSending(false);
    if (result.kind === "ok") {
      const fresh = countsOf(result.data) ?? { ...counts, [kind]: counts[kind] + 1 };
      setCounts(fresh);
      remember(kind, fresh);
      announce(frForms.reactions.recorded[kind]);
      return;
    }
    if (result.kind === "refused" && result.code === "already_reacted") remember("unknown");
    announce(describeFailure(result, false));
  }

  return (
    <fieldset className="reactions">
      <legend className="visually-hidden">{frForms.reactions.groupLabel}</legend>
      {KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          className="button button-secondary reaction"
          aria-pressed={vote === kind}
          aria-disabled={sending ? true : undefined}
          disabled={!hydrated}
          onClick={() => void react(kind)}
        >
          {/* Pressed shows as a check mark too, not by colour alone; aria-pressed says it to screen readers. */}
          {vote === kind && <span aria-hidden="true">✓&nbsp;</span>}
          {reactionKinds[kind]} <span className="reaction-count">({counts[kind]})</span>
        </button>
      ))}
      <StatusRegion message={message} />
    </fieldset>
  );
}
