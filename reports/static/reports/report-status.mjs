// Follow a report version while it is produced: ask for its status every two seconds and reload the page
// when it changes, so the links (or the reason it failed) appear. A static module: the CSP forbids inline scripts.
const box = document.querySelector('[data-report-status]')

if (box && !['ready', 'failed'].includes(box.dataset.state)) {
  const phase = box.querySelector('[data-report-phase]')
  const poll = async () => {
    try {
      const response = await fetch(box.dataset.reportStatus, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      if (response.ok) {
        const status = await response.json()
        if (status.status !== box.dataset.state) {
          window.location.reload()
          return
        }
        if (phase && status.phase && phase.textContent !== status.phase) phase.textContent = status.phase
      }
    } catch (error) {
      // The network blinked: try again at the next tick.
    }
    window.setTimeout(poll, 2000)
  }
  window.setTimeout(poll, 2000)
}
