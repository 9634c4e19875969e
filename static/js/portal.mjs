import { initAll } from '../build/govuk-frontend.min.js'

initAll()

// Only forms that ask for one of many people load the autocomplete.
const personSearches = document.querySelectorAll('input[data-person-search]')
if (personSearches.length) {
  import('./person-search.mjs').then(({ enhancePersonSearch }) => personSearches.forEach(enhancePersonSearch))
}
