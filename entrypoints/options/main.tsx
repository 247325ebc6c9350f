import { render } from 'preact';
import { AddressBook } from '@/components/AddressBook';
import { History } from '@/components/History';
import '@/components/styles.css';

render(
  <main class="options">
    <h1>Capture to CRM</h1>
    <History />
    <AddressBook />
  </main>,
  document.getElementById('app') as HTMLElement,
);
