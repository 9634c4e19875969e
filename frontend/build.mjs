// Compile the portal stylesheet and copy GOV.UK Frontend's script and assets into static/build.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs'
import * as sass from 'sass'

const out = 'static/build'
mkdirSync(out, { recursive: true })
const result = sass.compile('frontend/portal.scss', {
  loadPaths: ['node_modules'],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import']
})
writeFileSync(`${out}/portal.css`, result.css)
const govuk = 'node_modules/govuk-frontend/dist/govuk'
cpSync(`${govuk}/govuk-frontend.min.js`, `${out}/govuk-frontend.min.js`)
cpSync(`${govuk}/assets`, `${out}/assets`, { recursive: true })
cpSync('node_modules/accessible-autocomplete/dist/accessible-autocomplete.min.js', `${out}/accessible-autocomplete.min.js`)
console.log(`built ${out}/portal.css (${result.css.length} bytes)`)
