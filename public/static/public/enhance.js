// Mark the page as able to run GOV.UK Frontend's scripts, before it is drawn (no inline script: the
// public pages are cached and carry no CSP nonce).
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
