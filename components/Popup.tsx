import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type CaptureOutcome, captureTab } from '@/lib/capture';
import type { Candidate } from '@/lib/capture-result';
import { displayName } from '@/lib/contact';
import { clearDraft, loadDraft, saveDraft } from '@/lib/drafts';
import { blankForm, type ContactForm, candidateToForm, type FormErrors, formToInput } from '@/lib/form';
import { sendMessage } from '@/lib/messages';
import { CandidatePicker } from './CandidatePicker';
import { ContactFormFields } from './ContactFormFields';

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; text: string } | { kind: 'error'; text: string };

export function Popup() {
  const [capture, setCapture] = useState<CaptureOutcome | null>(null);
  const [selected, setSelected] = useState(0);
  const [form, setForm] = useState<ContactForm>(blankForm());
  const [errors, setErrors] = useState<FormErrors>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const draftTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    void (async () => {
      const outcome = await captureTab();
      setCapture(outcome);
      const url = outcome.ok ? outcome.result.url : '';
      const draft = outcome.tabId !== null ? await loadDraft(outcome.tabId, url) : null;
      if (draft) {
        setSelected(draft.selected);
        setForm(draft.form);
      } else if (outcome.ok && outcome.result.candidates[0]) {
        setForm(candidateToForm(outcome.result.candidates[0], url));
      } else {
        setForm(blankForm(url));
      }
    })();
  }, []);

  const url = capture?.ok ? capture.result.url : '';
  const candidates: Candidate[] = capture?.ok ? capture.result.candidates : [];
  const region = capture?.ok ? capture.result.region : 'US';

  const edit = (next: ContactForm, index = selected) => {
    setForm(next);
    setStatus({ kind: 'idle' });
    if (capture?.tabId == null) return;
    const tabId = capture.tabId;
    clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(() => void saveDraft(tabId, { url, selected: index, form: next }), 150);
  };

  const pick = (index: number) => {
    const candidate = candidates[index];
    setSelected(index);
    setErrors({});
    if (candidate) edit(candidateToForm(candidate, url), index);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const checked = formToInput(form, region);
    if (!checked.ok) {
      setErrors(checked.errors);
      setStatus({ kind: 'error', text: checked.errors.form ?? 'Some fields need a look before saving.' });
      return;
    }
    setErrors({});
    setStatus({ kind: 'saving' });
    const reply = await sendMessage({ type: 'addressBook.save', contact: checked.input });
    if (!reply.ok) {
      setStatus({ kind: 'error', text: reply.error });
      return;
    }
    clearTimeout(draftTimer.current);
    if (capture?.tabId != null) await clearDraft(capture.tabId);
    const name = displayName(reply.value.contact);
    setStatus({
      kind: 'saved',
      text:
        reply.value.status === 'created'
          ? `Saved ${name} to your address book.`
          : `${name} was already in your address book: updated.`,
    });
  };

  if (capture === null) {
    return (
      <main class="popup">
        <p role="status">Reading the page…</p>
      </main>
    );
  }

  return (
    <main class="popup">
      <header>
        <h1>Capture to CRM</h1>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          Open address book
        </button>
      </header>
      {!capture.ok && <p class="notice">{capture.error}</p>}
      {capture.ok && candidates.length === 0 && (
        <p class="notice">No people found on this page. Fill in the form by hand.</p>
      )}
      {candidates.length > 1 && <CandidatePicker candidates={candidates} selected={selected} onSelect={pick} />}
      <form onSubmit={(e) => void save(e)} aria-label="Contact" noValidate>
        <ContactFormFields form={form} errors={errors} onChange={(next) => edit(next)} />
        <div class="actions">
          <button type="submit" class="primary" disabled={status.kind === 'saving'}>
            {status.kind === 'saving' ? 'Saving…' : 'Save to address book'}
          </button>
        </div>
        <p role="status" class={`status ${status.kind}`} aria-live="polite">
          {status.kind === 'saved' || status.kind === 'error' ? status.text : ''}
        </p>
      </form>
    </main>
  );
}
