// Plan Ledger console: copy buttons and the charts (ECharts, served by the service). Pages work without it.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('button.copy').forEach(button => button.addEventListener('click', () => {
    const text = button.dataset.copy;
    const done = () => { button.dataset.label = button.dataset.label || button.textContent; button.textContent = '✓'; };
    if (navigator.clipboard) { navigator.clipboard.writeText(text).then(done, done); } else { done(); }
  }));
  document.querySelectorAll('form.change select[multiple]').forEach(select => select.addEventListener('change', () => {
    const list = document.querySelector('#' + select.id + '-chosen .list');
    if (list) list.textContent = Array.from(select.selectedOptions).map(o => o.textContent).join(', ') || '—';
  }));
  if (!window.echarts) return;
  document.querySelectorAll('.chart[data-option]').forEach(el => {
    const data = JSON.parse(el.dataset.option);
    const chart = echarts.init(el, null, { renderer: 'svg' });
    const palette = ['#0b4f8a', '#b35900', '#14532d', '#8a1111', '#5b3a8c'];
    if (el.dataset.chart === 'bar') {
      chart.setOption({ color: palette, tooltip: {}, legend: { bottom: 0 }, animation: false,
        xAxis: { type: 'category', data: data.categories }, yAxis: { type: 'value', minInterval: 1 },
        series: data.series.map(s => ({ name: s.name, type: 'bar', stack: 'all', data: s.data })) });
    } else {
      chart.setOption({ color: ['#14532d', '#b35900', '#8a1111', '#0b4f8a', '#6b6b6b'], tooltip: {}, legend: { bottom: 0 },
        animation: false, series: [{ type: 'pie', radius: ['35%', '65%'], data: data.series }] });
    }
    window.addEventListener('resize', () => chart.resize());
  });
});
