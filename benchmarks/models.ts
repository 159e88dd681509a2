/** The networks every benchmark times, defined once (of the default tensor type; call .float() etc.). */
import { nn } from '../nn/index.js';
import type { Module } from '../nn/Module.js';

/** The MLP 784-1024-1024-10 with ReLUs and a LogSoftMax. */
export function benchMlp(): Module {
  const m = new nn.Sequential();
  m.add(new nn.Linear(784, 1024)); m.add(new nn.ReLU());
  m.add(new nn.Linear(1024, 1024)); m.add(new nn.ReLU());
  m.add(new nn.Linear(1024, 10)); m.add(new nn.LogSoftMax());
  return m;
}

/** The LeNet conv5-pool-conv5-pool-120-84-10 on 1x28x28. */
export function benchLenet(): Module {
  const m = new nn.Sequential();
  m.add(new nn.SpatialConvolution(1, 6, 5, 5)); m.add(new nn.ReLU()); m.add(new nn.SpatialMaxPooling(2, 2, 2, 2));
  m.add(new nn.SpatialConvolution(6, 16, 5, 5)); m.add(new nn.ReLU()); m.add(new nn.SpatialMaxPooling(2, 2, 2, 2));
  m.add(new nn.View(256)); m.add(new nn.Linear(256, 120)); m.add(new nn.ReLU());
  m.add(new nn.Linear(120, 84)); m.add(new nn.ReLU()); m.add(new nn.Linear(84, 10)); m.add(new nn.LogSoftMax());
  return m;
}
