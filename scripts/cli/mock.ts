// npm run mock [-- --port 8787]: the mock providers, for trying the extension by hand (see README).
import { MOCK_KEYS, MOCKED, startMockProviders } from '../../test/mock-providers/server';

const at = process.argv.indexOf('--port');
const mock = await startMockProviders({ port: at >= 0 ? Number(process.argv[at + 1]) : 8787 });
console.log(`Mock providers on ${mock.url}`);
for (const p of MOCKED) console.log(`  ${p.padEnd(10)} base URL ${mock.baseUrl(p)}`);
console.log(`Keys: OpenPhone ${MOCK_KEYS.openphone} · Vixiees ${MOCK_KEYS.vixiees} · ClearTalk ${MOCK_KEYS.cleartalk}`);
console.log(`Routera client id ${MOCK_KEYS.routera.clientId}, secret ${MOCK_KEYS.routera.clientSecret}`);
console.log(
  'Faults: POST /__control/faults {"kind":"429"|"500"|"503"|"slow"|"drop-before"|"drop-after","count":1,"provider":"openphone"}',
);
