# map: Reads per 1,000 residents by area, with camera locations
# Re-run in this folder with: gnuplot chart-map.gp
set terminal svg size 900,800 fixed noenhanced font 'DejaVu Sans,17' background rgb 'white'
set output 'chart-map.svg'
set title "Reads per 1,000 residents by area, with camera locations\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
unset xtics
unset ytics
unset border
unset grid
set size ratio -1
set key outside right top Left reverse samplen 1.5 title "reads per\n1,000 residents" left
set xrange [*:*]
set yrange [*:*]
lonscale = 0.863419
plot 'chart-map.dat' index 0 using ($1*lonscale):2:3 with filledcurves closed fc rgb variable notitle, \
     '' index 0 using ($1*lonscale):2 with lines lc rgb '#444444' lw 0.6 notitle, \
     NaN with boxes fs solid fc rgb '#deebf7' title 'lowest, up to 214', \
     NaN with boxes fs solid fc rgb '#9ecae1' title 'up to 295', \
     NaN with boxes fs solid fc rgb '#6baed6' title 'up to 925', \
     NaN with boxes fs solid fc rgb '#3182bd' title 'up to 1,021', \
     NaN with boxes fs solid fc rgb '#08519c' title 'up to 5,264', \
     'chart-map.dat' index 1 using ($1*lonscale):2 with points pt 7 ps 0.8 lc rgb '#D55E00' title 'fixed camera', \
     '' index 2 using ($1*lonscale):2:3:4 with labels tc rgb variable notitle
set terminal pngcairo size 900,800 noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-map.png'
replot
set output
