import * as api from '../api.js';
import { h, replace, messages, field, select, busy, when, bytes } from '../dom.js';
import { platforms } from '../pages/dashboard.js';

/** The base installer of each platform: what is uploaded, and uploading (replacing) one. */
export async function installersPage(main) {
  const region = messages();
  const rows = h('tbody');
  const platform = select(platforms.map(p => ({ value: p.id, label: p.label })), 'linux-x64', { id: 'installer-platform' });
  const file = h('input', { type: 'file', id: 'installer-file', required: true });
  const upload = h('button', { type: 'submit', class: 'primary' }, 'Upload');
  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Installers')),
    region.element,
    h('form', {
      class: 'card inline-form',
      onsubmit: event => {
        event.preventDefault();
        const chosen = file.files[0];
        if (!chosen) {
          region.error('Choose the installer file first.');
          return;
        }
        busy(upload, region, async () => {
          region.notice(`Uploading ${chosen.name} (${bytes(chosen.size)})…`);
          const stored = await api.put(`/api/installers/${platform.value}${api.query({ fileName: chosen.name })}`, chosen,
            { headers: { 'Content-Type': chosen.type || 'application/octet-stream' } });
          region.notice(`Uploaded ${stored.fileName} for ${platform.value}: ${bytes(stored.size)}, SHA-256 ${stored.sha256}.`);
          file.value = '';
          await load();
        });
      },
    },
    h('h2', {}, 'Upload a base installer'),
    h('p', { class: 'hint' }, 'Agents download it per device group, carrying that group\'s enrollment code. The Linux package is made by tools/publish-linux-installer.sh.'),
    field('Platform', platform), field('File', file), h('div', { class: 'actions' }, upload)),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Platform', 'File', 'Size', 'SHA-256', 'Uploaded'].map(c => h('th', { scope: 'col' }, c)))), rows)));

  const load = async () => {
    try {
      const uploaded = await api.get('/api/installers');
      replace(rows, platforms.map(p => {
        const stored = uploaded.find(i => i.platform === p.id);
        return h('tr', {},
          h('th', { scope: 'row' }, p.label),
          stored ? [h('td', {}, stored.fileName), h('td', {}, bytes(stored.size)), h('td', {}, h('code', { class: 'hash' }, stored.sha256)), h('td', {}, when(stored.uploadedAt))]
            : h('td', { colspan: 4, class: 'muted' }, 'Not uploaded yet'));
      }));
    } catch (error) {
      region.error(error);
    }
  };

  await load();
}
