import { render } from 'preact';
import { AddressBook } from '@/components/AddressBook';
import '@/components/styles.css';

render(
  <main class="options">
    <h1>Capture to CRM</h1>
    <AddressBook />
  </main>,
  document.getElementById('app') as HTMLElement,
);
