import { render } from 'preact';
import { Accounts } from '@/components/Accounts';
import { AddressBook } from '@/components/AddressBook';
import { History } from '@/components/History';
import { Preferences } from '@/components/Preferences';
import { SetAsideNotice } from '@/components/SetAsideNotice';
import '@/components/styles.css';
import { t } from '@/lib/i18n';

render(
  <main class="options">
    <h1>Capture to CRM</h1>
    <SetAsideNotice />
    <Accounts />
    <Preferences />
    <History />
    <AddressBook />
    <footer class="links">
      <a href="/privacy.html">{t('privacyLink')}</a>
    </footer>
  </main>,
  document.getElementById('app') as HTMLElement,
);
