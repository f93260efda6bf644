// chart.js with only what the dashboards draw. Chart.svelte imports this module dynamically, so
// that the library is fetched only by pages that show a chart, and only these parts of it.
import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
} from 'chart.js';

Chart.register(
	BarController,
	BarElement,
	CategoryScale,
	Legend,
	LinearScale,
	LineController,
	LineElement,
	PointElement,
	Tooltip
);
// The page's own system fonts (Cyrillic included) and ink, not chart.js's Helvetica and grey.
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
Chart.defaults.color = '#1f1a17';

export { Chart };
