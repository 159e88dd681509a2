/** Device THNN kernels: importing this registers every family. */
import './transfer.js';
import './criterion.js';
import './softmax.js';
import './conv.js';
import './pooling.js';
import './normalization.js';
import './subsampling.js';
