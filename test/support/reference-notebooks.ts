// Which notebooks the real-client tests (browser, nbclient comparison) run on every CI run. Change them here.

/** The tour: a chart, an image grid, a table and a live training display in ~30 s. */
export const TOUR = '00-tour.ipynb';

/**
 * The lightest training lesson that passes: it must train with the live training display and show a chart, an
 * image grid and a table. The browser test and the default nbclient comparison run it besides the tour; when the
 * file does not exist, both fall back to the tour alone (whose training cell covers the display).
 */
export const TRAINING_LESSON = '07-conv-autoencoder.ipynb';
