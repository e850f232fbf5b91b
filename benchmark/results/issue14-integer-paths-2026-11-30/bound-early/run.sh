#!/bin/bash
cd /tmp/s17/cmp
for run in 1 2; do
  for kind in e p; do
    for unit in 1e6 1e5; do
      for v in old new; do
        java -Xmx8g -Dlogback.configurationFile=/tmp/scr/logback.xml -cp /tmp/s17/ear/out:/tmp/s17/$v.jar org.equiplan.benchmark.EarUnit 30 $kind $unit > $v-$kind-$unit-$run.txt 2>&1
      done
    done
  done
done
echo done > finished
