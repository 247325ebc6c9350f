import { useEffect, useState } from 'preact/hooks';
import { loadOutbox, type OutboxItem, watchOutbox } from '@/lib/delivery/outbox';
import { listHistory, type SendRecord, watchHistory } from '@/lib/history';
import { sendMessage } from '@/lib/messages';
import { getProvider } from '@/lib/providers/index';

const providerLabel = (id: string) => getProvider(id)?.label ?? id;
const when = (iso: string | number) => new Date(iso).toLocaleString();

const STATE_TEXT: Record<OutboxItem['state'], string> = {
  queued: 'Waiting to send',
  'in-flight': 'Sending',
  unknown: 'Checking whether it arrived',
  'may-exist': 'May already exist',
  failed: 'Failed',
};

/**
 * What was sent where: the sends still in the outbox first (waiting, or needing a decision: retry or discard),
 * then the history of finished sends, newest first. Both update live as the background works.
 */
export function History() {
  const [outbox, setOutbox] = useState<OutboxItem[] | null>(null);
  const [history, setHistory] = useState<SendRecord[] | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  useEffect(() => {
    void loadOutbox().then(setOutbox);
    void listHistory().then(setHistory);
    const stopOutbox = watchOutbox(setOutbox);
    const stopHistory = watchHistory(setHistory);
    return () => {
      stopOutbox();
      stopHistory();
    };
  }, []);

  const resolve = async (item: OutboxItem, choice: 'retry' | 'discard') => {
    const reply = await sendMessage({ type: 'outbox.resolve', id: item.id, choice });
    if (!reply.ok) setStatus({ text: reply.error, error: true });
    else
      setStatus({
        text:
          choice === 'retry'
            ? `Sending ${item.person.name || item.person.emails[0] || 'the contact'} again.`
            : `Discarded the send of ${item.person.name || item.person.emails[0] || 'the contact'}.`,
        error: false,
      });
  };

  if (outbox === null || history === null) return <p role="status">Loading…</p>;
  // A send still in the outbox has its newest state there; the history keeps the finished ones.
  const pendingIds = new Set(outbox.map((o) => o.id));
  const finished = history.filter((h) => !pendingIds.has(h.id));
  return (
    <section aria-labelledby="history-heading">
      <div class="section-head">
        <h2 id="history-heading">Sends</h2>
      </div>
      <p role="status" class={status?.error ? 'status error' : 'status'}>
        {status?.text ?? ''}
      </p>
      {outbox.length > 0 && (
        <table>
          <caption>Waiting or needing you ({outbox.length})</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Provider</th>
              <th scope="col">Action</th>
              <th scope="col">State</th>
              <th scope="col">Next attempt</th>
              <th scope="col">Last error</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {outbox.map((item) => {
              const name = item.person.name || item.person.emails[0] || 'Unnamed contact';
              const decide = item.state === 'failed' || item.state === 'may-exist';
              return (
                <tr key={item.id}>
                  <th scope="row">{name}</th>
                  <td>{providerLabel(item.providerId)}</td>
                  <td>{item.action === 'create' ? 'Create' : 'Update'}</td>
                  <td>{STATE_TEXT[item.state]}</td>
                  <td>
                    {decide ? (
                      '—'
                    ) : (
                      <time dateTime={new Date(item.nextAttemptAt).toISOString()}>{when(item.nextAttemptAt)}</time>
                    )}
                  </td>
                  <td>{item.lastError ?? ''}</td>
                  <td>
                    {decide && (
                      <span class="actions">
                        <button type="button" aria-label={`Retry ${name}`} onClick={() => void resolve(item, 'retry')}>
                          Retry
                        </button>
                        <button
                          type="button"
                          class="link"
                          aria-label={`Discard ${name}`}
                          onClick={() => void resolve(item, 'discard')}
                        >
                          Discard
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {finished.length === 0 ? (
        <p>No sends yet. Connect a provider and send a contact from the popup.</p>
      ) : (
        <table>
          <caption>History, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Provider</th>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">Id in the provider</th>
              <th scope="col">When</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {finished.slice(0, 200).map((record) => (
              <tr key={record.id}>
                <th scope="row">{record.name || record.emails[0] || 'Unnamed contact'}</th>
                <td>{providerLabel(record.providerId)}</td>
                <td>{record.action === 'create' ? 'Create' : 'Update'}</td>
                <td>{OUTCOME_TEXT[record.outcome]}</td>
                <td>{record.remoteId ?? '—'}</td>
                <td>
                  <time dateTime={record.at}>{when(record.at)}</time>
                </td>
                <td>{record.error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

const OUTCOME_TEXT: Record<SendRecord['outcome'], string> = {
  delivered: 'Delivered',
  failed: 'Failed',
  unknown: 'May already exist',
  pending: 'Pending',
};
