// A person's text box (a name or an email address) becomes GOV.UK's accessible autocomplete, suggesting
// current people of the field's kind from the people API as you type. Without JavaScript the box still
// works: the server finds the person by name or email address.
import '../build/accessible-autocomplete.min.js'

const SUGGESTIONS = 10

function escapeHtml (text) {
  const span = document.createElement('span')
  span.textContent = text
  return span.innerHTML
}

// Suggestions from /api/people/, the newest answer only: a slow reply to "sm" must not replace "smith".
function peopleSource (kind) {
  let latest = 0
  return (query, populateResults) => {
    const asked = ++latest
    const params = new URLSearchParams({ q: query, kind, current: 'true', ordering: 'last_name' })
    fetch(`/api/people/?${params}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : { results: [] }))
      .then((page) => {
        if (asked === latest) populateResults(page.results.slice(0, SUGGESTIONS))
      })
      .catch(() => {
        if (asked === latest) populateResults([])
      })
  }
}

// What the box holds once a person is chosen: the form reads back their email address in brackets.
function inputValue (person) {
  if (!person) return ''
  return typeof person === 'string' ? person : `${person.name} (${person.email})`
}

function suggestion (person) {
  if (typeof person === 'string') return escapeHtml(person)
  const title = person.job_title ? ` – ${person.job_title}` : ''
  return `${escapeHtml(person.name + title)}<span class="portal-person-suggestion__email">${escapeHtml(person.email)}</span>`
}

export function enhancePersonSearch (input) {
  // The autocomplete draws its own input; it keeps the id (for the label), the name and what was typed.
  // Its aria-describedby carries only its own instructions, so the hint and any error are read out in them.
  const described = (input.getAttribute('aria-describedby') || '').split(' ')
    .map((id) => document.getElementById(id)?.textContent.trim())
    .filter(Boolean)
    .join(' ')
  const container = document.createElement('div')
  input.replaceWith(container)
  window.accessibleAutocomplete({
    element: container,
    id: input.id,
    name: input.name,
    defaultValue: input.value,
    minLength: 2,
    confirmOnBlur: false,
    inputClasses: input.className,
    source: peopleSource(input.dataset.personSearch),
    templates: { inputValue, suggestion },
    tNoResults: () => 'No one found: check the spelling, or enter their email address',
    tStatusQueryTooShort: (length) => `Type ${length} or more letters of their name or email address for suggestions`,
    tAssistiveHint: () => `${described} When suggestions appear, use the up and down arrows to review them and enter to choose.`
  })
}
