// Draw an indicator's trend chart from the figures the page embeds as JSON.
// The table under the chart holds the same figures for anyone who cannot use the chart.
const chart = document.getElementById('indicator-chart')
const source = document.getElementById('indicator-chart-data')

function draw (Plotly, d) {
  const suffix = d.suffix ? ` ${d.suffix}` : ''
  const hover = `%{x}: %{y}${suffix}<extra>%{fullData.name}</extra>`
  const traces = []
  const hasBand = d.lower_quartile.some((v) => v !== null)
  if (hasBand) {
    traces.push({
      x: d.periods, y: d.lower_quartile, name: `${d.group}: lower quartile`, mode: 'lines',
      line: { width: 0 }, showlegend: false, hovertemplate: hover, connectgaps: false
    })
    traces.push({
      x: d.periods, y: d.upper_quartile, name: `${d.group}: middle half (interquartile range)`, mode: 'lines',
      line: { width: 0 }, fill: 'tonexty', fillcolor: 'rgba(29, 112, 184, 0.15)', hovertemplate: hover,
      connectgaps: false
    })
  }
  if (d.median.some((v) => v !== null)) {
    traces.push({
      x: d.periods, y: d.median, name: `${d.group}: median`, mode: 'lines+markers',
      line: { color: '#1d70b8', dash: 'dash', width: 2 }, marker: { symbol: 'diamond', size: 7 },
      hovertemplate: hover
    })
  }
  if (d.england.some((v) => v !== null)) {
    traces.push({
      x: d.periods, y: d.england, name: 'England', mode: 'lines+markers',
      line: { color: '#505a5f', dash: 'dot', width: 2 }, marker: { symbol: 'square', size: 6 },
      hovertemplate: hover
    })
  }
  if (d.target.some((v) => v !== null)) {
    traces.push({
      x: d.periods, y: d.target, name: 'Target', mode: 'lines',
      line: { color: '#b58840', dash: 'longdash', width: 2, shape: 'hv' }, hovertemplate: hover
    })
  }
  traces.push({
    x: d.periods, y: d.actual, name: d.ours, mode: 'lines+markers',
    line: { color: d.colour || '#1d4f3a', width: 3 },
    marker: { size: 9, symbol: d.provisional.map((p) => (p ? 'circle-open' : 'circle')) },
    hovertemplate: hover
  })
  const shapes = d.breaks.map((b) => ({
    type: 'line', xref: 'x', yref: 'paper', x0: b.period, x1: b.period, y0: 0, y1: 1,
    line: { color: '#d4351c', width: 2, dash: 'dot' }
  }))
  const annotations = d.breaks.map((b) => ({
    xref: 'x', yref: 'paper', x: b.period, y: 1, yanchor: 'bottom', showarrow: false,
    text: `Definition changed (version ${b.version})`, font: { color: '#d4351c', size: 12 }
  }))
  const layout = {
    margin: { t: 40, r: 20, b: 60, l: 60 },
    font: { family: 'Helvetica Neue, Helvetica, Arial, sans-serif', size: 14, color: '#0b0c0c' },
    xaxis: { type: 'category', title: { text: 'Period' }, tickangle: d.periods.length > 8 ? -45 : 0 },
    yaxis: { title: { text: d.unit }, automargin: true },
    legend: { orientation: 'h', y: -0.25 },
    hovermode: 'x unified',
    shapes,
    annotations
  }
  // No mode bar: its hover styles are injected at run time, which the site's CSP forbids.
  // Hover, legend toggling, drag to zoom and double-click to reset still work.
  Plotly.newPlot(chart, traces, layout, { responsive: true, displayModeBar: false })
  chart.dataset.state = 'drawn'
}

if (chart && source && window.Plotly) {
  chart.textContent = ''
  draw(window.Plotly, JSON.parse(source.textContent))
}
