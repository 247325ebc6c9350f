import { useEffect, useState } from 'preact/hooks';
import { loadOutbox, type OutboxItem, watchOutbox } from '@/lib/delivery/outbox';
import { listHistory, type SendRecord, watchHistory } from '@/lib/history';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messages';
import { getProvider } from '@/lib/providers/index';

const providerLabel = (id: string) => getProvider(id)?.label ?? id;
const when = (iso: string | number) => new Date(iso).toLocaleString();

const STATE_TEXT: Record<OutboxItem['state'], string> = {
  queued: 'stateQueued',
  'in-flight': 'stateInFlight',
  unknown: 'stateUnknown',
  'may-exist': 'stateMayExist',
  failed: 'stateFailed',
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
            ? t('sendingAgain', item.person.name || item.person.emails[0] || t('theContact'))
            : t('discarded', item.person.name || item.person.emails[0] || t('theContact')),
        error: false,
      });
  };

  if (outbox === null || history === null) return <p role="status">{t('loading')}</p>;
  // A send still in the outbox has its newest state there; the history keeps the finished ones.
  const pendingIds = new Set(outbox.map((o) => o.id));
  const finished = history.filter((h) => !pendingIds.has(h.id));
  return (
    <section aria-labelledby="history-heading">
      <div class="section-head">
        <h2 id="history-heading">{t('sends')}</h2>
      </div>
      <p role="status" class={status?.error ? 'status error' : 'status'}>
        {status?.text ?? ''}
      </p>
      {outbox.length > 0 && (
        <table>
          <caption>{t('waitingOrNeeding', outbox.length)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colProvider')}</th>
              <th scope="col">{t('colAction')}</th>
              <th scope="col">{t('colState')}</th>
              <th scope="col">{t('colNextAttempt')}</th>
              <th scope="col">{t('colLastError')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {outbox.map((item) => {
              const name = item.person.name || item.person.emails[0] || t('unnamedContact');
              const decide = item.state === 'failed' || item.state === 'may-exist';
              return (
                <tr key={item.id}>
                  <th scope="row">{name}</th>
                  <td>{providerLabel(item.providerId)}</td>
                  <td>{item.action === 'create' ? t('actionCreate') : t('actionUpdate')}</td>
                  <td>{t(STATE_TEXT[item.state])}</td>
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
                        <button
                          type="button"
                          aria-label={t('retryName', name)}
                          onClick={() => void resolve(item, 'retry')}
                        >
                          {t('retry')}
                        </button>
                        <button
                          type="button"
                          class="link"
                          aria-label={t('discardName', name)}
                          onClick={() => void resolve(item, 'discard')}
                        >
                          {t('discard')}
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
        <p>{t('noSends')}</p>
      ) : (
        <table>
          <caption>{t('historyCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colProvider')}</th>
              <th scope="col">{t('colAction')}</th>
              <th scope="col">{t('colOutcome')}</th>
              <th scope="col">{t('colRemoteId')}</th>
              <th scope="col">{t('colWhen')}</th>
              <th scope="col">{t('colNote')}</th>
            </tr>
          </thead>
          <tbody>
            {finished.slice(0, 200).map((record) => (
              <tr key={record.id}>
                <th scope="row">{record.name || record.emails[0] || t('unnamedContact')}</th>
                <td>{providerLabel(record.providerId)}</td>
                <td>{record.action === 'create' ? t('actionCreate') : t('actionUpdate')}</td>
                <td>{t(OUTCOME_TEXT[record.outcome])}</td>
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
  delivered: 'outcomeDelivered',
  failed: 'stateFailed',
  unknown: 'stateMayExist',
  pending: 'outcomePending',
};
