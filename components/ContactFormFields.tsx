import { useState } from 'preact/hooks';
import type { PhoneType } from '@/lib/extract/common/types';
import type { ContactForm, FormErrors } from '@/lib/form';
import { t } from '@/lib/i18n';
import { TextField } from './TextField';

const PHONE_TYPE_LABELS: Record<PhoneType, string> = {
  work: 'phoneWork',
  mobile: 'phoneMobile',
  home: 'phoneHome',
  fax: 'phoneFax',
  other: 'phoneOther',
};

interface Props {
  form: ContactForm;
  errors: FormErrors;
  onChange: (form: ContactForm) => void;
  /** Where the contact goes ("OpenPhone", "your address book"): named where a field cannot hold what the page had. */
  target: string;
}

/** "Jane Q.", "J. Robert": a first name that carries a middle initial. */
const MIDDLE_INITIAL = /(?:^|\s)\p{Lu}\.(?:\s|$)/u;

/** The local address book's fields; every value is rendered as text, never as markup. */
export function ContactFormFields({ form, errors, onChange, target }: Props) {
  const set = <K extends keyof ContactForm>(key: K, value: ContactForm[K]) => onChange({ ...form, [key]: value });
  // A form sized to the person: the first e-mail and phone, the rest behind "+N more" (open when one needs a look).
  const [open, setOpen] = useState({ emails: false, phones: false });
  const shown = (key: 'emails' | 'phones') =>
    open[key] || Object.keys(errors).some((k) => k.startsWith(`${key}.`) && k !== `${key}.0`) ? form[key].length : 1;
  const more = (key: 'emails' | 'phones') =>
    form[key].length > shown(key) && (
      <button type="button" class="link" onClick={() => setOpen({ ...open, [key]: true })}>
        {t('nMore', form[key].length - shown(key))}
      </button>
    );
  /** "Add email": the list opens, so the new empty field is seen. */
  const add = (key: 'emails' | 'phones', label: string, append: () => void) => (
    <button
      type="button"
      class="link"
      onClick={() => {
        setOpen({ ...open, [key]: true });
        append();
      }}
    >
      {label}
    </button>
  );
  return (
    <div class="fields">
      <div class="row">
        <TextField
          id="firstName"
          label={t('firstName')}
          value={form.firstName}
          error={errors.firstName}
          onInput={(v) => set('firstName', v)}
          autoComplete="given-name"
          // No provider here has a middle-name field: the initial stays where the page wrote it, and we say why.
          help={MIDDLE_INITIAL.test(form.firstName.trim()) ? t('middleInitialKept', target) : null}
        />
        <TextField
          id="lastName"
          label={t('lastName')}
          value={form.lastName}
          error={errors.lastName}
          onInput={(v) => set('lastName', v)}
          autoComplete="family-name"
        />
      </div>
      <div class="row">
        <TextField
          id="company"
          label={t('company')}
          value={form.company}
          error={errors.company}
          onInput={(v) => set('company', v)}
          autoComplete="organization"
        />
        <TextField
          id="title"
          label={t('jobTitle')}
          value={form.title}
          error={errors.title}
          onInput={(v) => set('title', v)}
          autoComplete="organization-title"
        />
      </div>
      {form.emails.slice(0, shown('emails')).map((email, i) => (
        <TextField
          key={`email-${i}`}
          id={`email-${i}`}
          type="email"
          label={i === 0 ? t('email') : t('emailN', i + 1)}
          value={email}
          error={errors[`emails.${i}`]}
          onInput={(v) =>
            set(
              'emails',
              form.emails.map((e, j) => (j === i ? v : e)),
            )
          }
          onRemove={
            form.emails.length > 1
              ? () =>
                  set(
                    'emails',
                    form.emails.filter((_, j) => j !== i),
                  )
              : undefined
          }
        />
      ))}
      {more('emails')}
      {add('emails', t('addEmail'), () => set('emails', [...form.emails, '']))}
      {form.phones.slice(0, shown('phones')).map((phone, i) => (
        <div class="row phone" key={`phone-${i}`}>
          <TextField
            id={`phone-${i}`}
            type="tel"
            label={i === 0 ? t('phone') : t('phoneN', i + 1)}
            value={phone.value}
            error={errors[`phones.${i}`]}
            onInput={(v) =>
              set(
                'phones',
                form.phones.map((p, j) => (j === i ? { ...p, value: v } : p)),
              )
            }
            onRemove={
              form.phones.length > 1
                ? () =>
                    set(
                      'phones',
                      form.phones.filter((_, j) => j !== i),
                    )
                : undefined
            }
          />
          <label class="field narrow" for={`phone-type-${i}`}>
            <span>{i === 0 ? t('phoneType') : t('phoneNType', i + 1)}</span>
            <select
              id={`phone-type-${i}`}
              value={phone.type}
              onChange={(e) =>
                set(
                  'phones',
                  form.phones.map((p, j) => (j === i ? { ...p, type: e.currentTarget.value as PhoneType } : p)),
                )
              }
            >
              {Object.entries(PHONE_TYPE_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {t(label)}
                </option>
              ))}
            </select>
          </label>
        </div>
      ))}
      {more('phones')}
      {add('phones', t('addPhone'), () => set('phones', [...form.phones, { value: '', type: 'work' }]))}
      <TextField
        id="website"
        label={t('website')}
        value={form.website}
        error={errors.website}
        onInput={(v) => set('website', v)}
        type="url"
      />
      <label class="field" for="notes">
        <span>{t('notes')}</span>
        <textarea id="notes" rows={2} value={form.notes} onInput={(e) => set('notes', e.currentTarget.value)} />
      </label>
    </div>
  );
}
