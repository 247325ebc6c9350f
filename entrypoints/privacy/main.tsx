import { render } from 'preact';
import { MarkdownPage } from '@/components/MarkdownPage';
import text from '../../PRIVACY.md?raw';
import '@/components/styles.css';

render(<MarkdownPage text={text} />, document.getElementById('app') as HTMLElement);
