import { render } from 'preact';
import { Accounts } from '@/components/Accounts';
import { AddressBook } from '@/components/AddressBook';
import { History } from '@/components/History';
import { Preferences } from '@/components/Preferences';
import '@/components/styles.css';

render(
  <main class="options">
    <h1>Capture to CRM</h1>
    <Accounts />
    <Preferences />
    <History />
    <AddressBook />
    <footer class="links">
      <a href="/privacy.html">Privacy: what the extension reads, sends and stores</a>
    </footer>
  </main>,
  document.getElementById('app') as HTMLElement,
);
